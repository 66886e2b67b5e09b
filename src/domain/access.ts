/**
 * Who may do what. Every permission check in the product goes through `can`, so the matrix below
 * is the one place to read (and test) the rules.
 */
export const roles = ['admin', 'analyst', 'manager', 'editor', 'viewer'] as const;
export type Role = (typeof roles)[number];

export const roleDescriptions: Record<Role, string> = {
  admin: 'Manages users, tokens and settings, reads the audit log, and can do everything an analyst can',
  analyst: 'Imports data, computes figures, enters local values and maintains measures and comparator groups',
  manager: 'Approves submitted local values before they are published, and sets targets and plans',
  editor: 'Maintains plans, commentary and narratives',
  viewer: 'Reads published material, such as a councillor on a scrutiny committee',
};

export const permissions = [
  'published:read',
  'measures:write',
  'imports:run',
  'imports:read',
  /** Entering, uploading and submitting a council's own values; they publish only once approved. */
  'values:enter',
  /** Approving or returning submitted values: someone other than whoever submitted them. */
  'values:approve',
  /** Listing the pseudonymised people and events behind a derived figure: special-category data. */
  'persons:read',
  'comparators:write',
  'plans:write',
  /** Reading risks marked exempt from publication (Schedule 12A information) and internal papers holding them. */
  'risks:exempt',
  'reports:write',
  'users:manage',
  'audit:read',
] as const;
export type Permission = (typeof permissions)[number];

const matrix: Record<Role, readonly Permission[]> = {
  viewer: ['published:read'],
  editor: ['published:read', 'plans:write', 'risks:exempt', 'reports:write'],
  manager: [
    'published:read',
    'imports:read',
    'values:approve',
    'plans:write',
    'risks:exempt',
    'reports:write',
  ],
  analyst: [
    'published:read',
    'imports:read',
    'imports:run',
    'values:enter',
    'persons:read',
    'measures:write',
    'comparators:write',
    'reports:write',
  ],
  admin: permissions,
};

export function can(role: Role, permission: Permission): boolean {
  return matrix[role].includes(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}
