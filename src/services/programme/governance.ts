/**
 * Governance of a programme: boards, workstream groups and task-and-finish groups (who chairs, who sits,
 * how often they meet, whom they report to), their meetings with agenda, papers, decisions and the
 * actions arising. Every change is audited.
 */
import type { Db, Queryable } from '../../store/db.js';
import { NotFoundError, ValidationError, type Actor } from '../actor.js';
import { recordAudit } from '../audit.js';
import {
  boardSchema,
  meetingSchema,
  type BoardInput,
  type MeetingInput,
  type BOARD_KINDS,
  type CADENCES,
} from './schemas.js';
import { parseInput } from './validate.js';

export interface Board {
  id: number;
  programmeId: number;
  kind: (typeof BOARD_KINDS)[number];
  name: string;
  purpose: string;
  chair: string;
  members: string[];
  cadence: (typeof CADENCES)[number];
  reportsToBoardId: number | null;
  reportsToText: string;
  status: 'active' | 'closed';
  endsOn: string | null;
}

export interface Meeting {
  id: number;
  boardId: number;
  heldOn: string;
  title: string;
  status: 'planned' | 'held' | 'cancelled';
  agenda: string[];
  decisions: string[];
  minutes: string;
}

export interface Paper {
  id: number;
  meetingId: number;
  title: string;
  snapshotId: number | null;
  link: string;
  addedBy: string;
  addedAt: Date;
}

type Row = Record<string, unknown>;
const toBoard = (r: Row): Board => ({
  id: Number(r.id),
  programmeId: Number(r.programme_id),
  kind: r.kind as Board['kind'],
  name: String(r.name),
  purpose: String(r.purpose),
  chair: String(r.chair),
  members: (r.members as string[]) ?? [],
  cadence: r.cadence as Board['cadence'],
  reportsToBoardId: r.reports_to_board_id === null ? null : Number(r.reports_to_board_id),
  reportsToText: String(r.reports_to_text),
  status: r.status as Board['status'],
  endsOn: (r.ends_on as string | null) ?? null,
});
const toMeeting = (r: Row): Meeting => ({
  id: Number(r.id),
  boardId: Number(r.board_id),
  heldOn: String(r.held_on),
  title: String(r.title),
  status: r.status as Meeting['status'],
  agenda: (r.agenda as string[]) ?? [],
  decisions: (r.decisions as string[]) ?? [],
  minutes: String(r.minutes),
});
const toPaper = (r: Row): Paper => ({
  id: Number(r.id),
  meetingId: Number(r.meeting_id),
  title: String(r.title),
  snapshotId: r.snapshot_id === null ? null : Number(r.snapshot_id),
  link: String(r.link),
  addedBy: String(r.added_by_label),
  addedAt: r.added_at as Date,
});

/** The chain a body reports up: ['Improvement Board', 'MLCO Executive'] for a workstream group. */
export function reportingChain(board: Board, boards: readonly Board[]): string[] {
  const chain: string[] = [];
  const seen = new Set<number>([board.id]);
  let current: Board | undefined = board;
  while (current) {
    const up: Board | undefined = boards.find((b) => b.id === current!.reportsToBoardId);
    if (up && !seen.has(up.id)) {
      chain.push(up.name);
      seen.add(up.id);
      current = up;
    } else {
      if (current.reportsToText) chain.push(current.reportsToText);
      current = undefined;
    }
  }
  return chain;
}

/** A board's own fields in the order the table's columns take them (kind to end date). */
const boardValues = (d: ReturnType<typeof boardSchema.parse>) => [
  d.kind,
  d.name,
  d.purpose,
  d.chair,
  d.members,
  d.cadence,
  d.reportsToBoardId,
  d.reportsToText,
  d.status,
  d.endsOn,
];

export function governanceService(db: Db) {
  async function boardOn(q: Queryable, id: number): Promise<Board> {
    const [row] = await q.query('SELECT * FROM boards WHERE id = $1', [id]);
    if (!row) throw new NotFoundError(`There is no board ${id}`);
    return toBoard(row);
  }
  async function meetingOn(q: Queryable, id: number): Promise<Meeting> {
    const [row] = await q.query('SELECT * FROM meetings WHERE id = $1', [id]);
    if (!row) throw new NotFoundError(`There is no meeting ${id}`);
    return toMeeting(row);
  }

  async function checkReportsTo(q: Queryable, programmeId: number, boardId: number | null, self?: number) {
    if (boardId === null) return;
    const target = await boardOn(q, boardId).catch(() => undefined);
    if (!target || target.programmeId !== programmeId)
      throw new ValidationError('Unknown board', [
        { field: 'reportsToBoardId', message: 'Choose a board of this programme to report to' },
      ]);
    if (self !== undefined) {
      const all = (await q.query('SELECT * FROM boards WHERE programme_id = $1', [programmeId])).map(toBoard);
      let at: Board | undefined = target;
      while (at) {
        if (at.id === self)
          throw new ValidationError('A board cannot report to itself', [
            { field: 'reportsToBoardId', message: 'That would make the board report, in the end, to itself' },
          ]);
        at = all.find((b) => b.id === at!.reportsToBoardId);
      }
    }
  }

  const service = {
    async boards(programmeId: number): Promise<Board[]> {
      return (
        await db.query(
          `SELECT * FROM boards WHERE programme_id = $1
           ORDER BY array_position(ARRAY['board', 'workstream-group', 'task-and-finish'], kind), id`,
          [programmeId],
        )
      ).map(toBoard);
    },

    board: (id: number) => boardOn(db, id),

    async createBoard(actor: Actor, programmeId: number, input: BoardInput): Promise<Board> {
      const d = parseInput(boardSchema, input, 'The board is not valid');
      return db.transaction(async (tx) => {
        const [prog] = await tx.query('SELECT id FROM programmes WHERE id = $1', [programmeId]);
        if (!prog) throw new NotFoundError(`There is no programme ${programmeId}`);
        await checkReportsTo(tx, programmeId, d.reportsToBoardId);
        const [clash] = await tx.query('SELECT id FROM boards WHERE programme_id = $1 AND name = $2', [
          programmeId,
          d.name,
        ]);
        if (clash)
          throw new ValidationError('A board with that name exists', [
            { field: 'name', message: `The programme already has a board or group called ${d.name}` },
          ]);
        const [row] = await tx.query(
          `INSERT INTO boards (programme_id, kind, name, purpose, chair, members, cadence, reports_to_board_id, reports_to_text, status, ends_on)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
          [programmeId, ...boardValues(d)],
        );
        const board = toBoard(row!);
        await recordAudit(tx, actor, 'board.create', { type: 'board', id: board.id }, null, board);
        return board;
      });
    },

    async updateBoard(actor: Actor, id: number, input: BoardInput): Promise<Board> {
      const d = parseInput(boardSchema, input, 'The board is not valid');
      return db.transaction(async (tx) => {
        const before = await boardOn(tx, id);
        await checkReportsTo(tx, before.programmeId, d.reportsToBoardId, id);
        const [row] = await tx.query(
          `UPDATE boards SET kind = $2, name = $3, purpose = $4, chair = $5, members = $6, cadence = $7, reports_to_board_id = $8,
             reports_to_text = $9, status = $10, ends_on = $11, updated_at = now() WHERE id = $1 RETURNING *`,
          [id, ...boardValues(d)],
        );
        const after = toBoard(row!);
        await recordAudit(tx, actor, 'board.update', { type: 'board', id }, before, after);
        return after;
      });
    },

    async meetings(boardId: number): Promise<Meeting[]> {
      return (
        await db.query('SELECT * FROM meetings WHERE board_id = $1 ORDER BY held_on DESC, id DESC', [boardId])
      ).map(toMeeting);
    },

    meeting: (id: number) => meetingOn(db, id),

    async createMeeting(actor: Actor, boardId: number, input: MeetingInput): Promise<Meeting> {
      const d = parseInput(meetingSchema, input, 'The meeting is not valid');
      return db.transaction(async (tx) => {
        const board = await boardOn(tx, boardId);
        const [row] = await tx.query(
          `INSERT INTO meetings (board_id, held_on, title, status, agenda, decisions, minutes)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
          [boardId, d.heldOn, d.title || board.name, d.status, d.agenda, d.decisions, d.minutes],
        );
        const meeting = toMeeting(row!);
        await recordAudit(tx, actor, 'meeting.create', { type: 'meeting', id: meeting.id }, null, meeting);
        return meeting;
      });
    },

    async updateMeeting(actor: Actor, id: number, input: MeetingInput): Promise<Meeting> {
      const d = parseInput(meetingSchema, input, 'The meeting is not valid');
      return db.transaction(async (tx) => {
        const before = await meetingOn(tx, id);
        const [row] = await tx.query(
          `UPDATE meetings SET held_on = $2, title = $3, status = $4, agenda = $5, decisions = $6, minutes = $7, updated_at = now()
           WHERE id = $1 RETURNING *`,
          [id, d.heldOn, d.title || before.title, d.status, d.agenda, d.decisions, d.minutes],
        );
        const after = toMeeting(row!);
        await recordAudit(tx, actor, 'meeting.update', { type: 'meeting', id }, before, after);
        return after;
      });
    },

    async papers(meetingId: number): Promise<Paper[]> {
      return (
        await db.query('SELECT * FROM meeting_papers WHERE meeting_id = $1 ORDER BY id', [meetingId])
      ).map(toPaper);
    },

    async addPaper(
      actor: Actor,
      meetingId: number,
      paper: { title: string; snapshotId?: number | null; link?: string },
    ): Promise<Paper> {
      if (!paper.title.trim())
        throw new ValidationError('The paper is not valid', [
          { field: 'title', message: 'Enter a title for the paper' },
        ]);
      return db.transaction(async (tx) => {
        await meetingOn(tx, meetingId);
        const [row] = await tx.query(
          `INSERT INTO meeting_papers (meeting_id, title, snapshot_id, link, added_by_label) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
          [meetingId, paper.title.trim(), paper.snapshotId ?? null, paper.link ?? '', actor.label],
        );
        const added = toPaper(row!);
        await recordAudit(tx, actor, 'meeting.paper', { type: 'meeting', id: meetingId }, null, added);
        return added;
      });
    },

    /** Board ids of a programme keyed by name, and each body's reporting chain. */
    async reportingLines(programmeId: number): Promise<{ board: Board; chain: string[] }[]> {
      const all = await service.boards(programmeId);
      return all.map((board) => ({ board, chain: reportingChain(board, all) }));
    },
  };
  return service;
}
export type GovernanceService = ReturnType<typeof governanceService>;
