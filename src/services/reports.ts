import { councilsActiveOn } from '../domain/organisation.js';
import { parsePeriod } from '../domain/period.js';
import type { Provenance, ReportDocument } from '../reports/document.js';
import type { PackInputs, ProfileInputs, ReportInputs, TrendInput } from '../reports/profiles/inputs.js';
import { packDocument, profileDocument, profileStatements } from '../reports/profiles/profile.js';
import type { PlanReportInputs } from '../reports/plans/inputs.js';
import { boardPackDocument, programmeDocument } from '../reports/plans/programme.js';
import { riskRegisterDocument } from '../reports/plans/register.js';
import { reportCss } from '../reports/render/css.js';
import { renderDocx } from '../reports/render/docx.js';
import { renderHtml } from '../reports/render/html.js';
import { renderCsv, renderXlsx } from '../reports/render/spreadsheet.js';
import { overviewDocument } from '../reports/performance/overview.js';
import { planDocument } from '../reports/performance/plan.js';
import { scorecardDocument } from '../reports/performance/scorecard.js';
import type { Printer } from '../reports/render/pdf.js';
import type { Db } from '../store/db.js';
import { NotFoundError, ValidationError, type Actor } from './actor.js';
import { recordAudit } from './audit.js';
import type { BenchmarkingService, CouncilYear } from './benchmarking.js';
import type { Clock } from './clock.js';
import type { ComparatorService } from './comparators.js';
import type { ImportService } from './imports.js';
import type { NarrativeService } from './narratives.js';
import type { OrganisationService } from './organisations.js';

export type ReportFormat = 'html' | 'pdf' | 'docx' | 'csv' | 'xlsx';
export const reportFormats: readonly ReportFormat[] = ['html', 'pdf', 'docx', 'csv', 'xlsx'];

/** Every kind of report the pipeline renders and saves. */
export type AnyReportInputs = ReportInputs | PlanReportInputs;

/** True for papers that hold exempt risks: only those allowed to read exempt risks may open them. */
export function holdsExempt(inputs: AnyReportInputs): boolean {
  return 'register' in inputs && inputs.register.audience === 'internal';
}

export interface RenderedReport {
  body: Buffer | string;
  contentType: string;
  fileName: string;
}

export interface Snapshot {
  id: number;
  kind: string;
  subjectCode: string;
  period: string;
  title: string;
  createdBy: string;
  createdAt: Date;
}

const contentTypes: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** What a report is about and for when: the subject's code and name, the period, and a file-name stem. */
export function reportSubject(inputs: AnyReportInputs): {
  code: string;
  name: string;
  period: string;
  stem: string;
} {
  switch (inputs.kind) {
    case 'council-profile':
      return { ...inputs.council, period: inputs.period, stem: 'profile' };
    case 'regional-pack':
      return { ...inputs.region, period: inputs.period, stem: 'profiles' };
    case 'scorecard':
      return {
        ...inputs.council,
        period: inputs.asAt,
        stem: inputs.filter === 'all' ? 'scorecard' : `scorecard-${inputs.filter}`,
      };
    case 'quarterly-overview':
      return { ...inputs.council, period: inputs.quarter, stem: 'asc-overview' };
    case 'performance-plan':
      return { ...inputs.council, period: inputs.years.join('-to-'), stem: 'performance-plan' };
    case 'programme-update':
      return { ...inputs.council, period: inputs.period, stem: 'programme-update' };
    case 'risk-register':
      return {
        ...inputs.council,
        period: inputs.period,
        stem: `risk-register${inputs.register.audience === 'internal' ? '-internal' : ''}`,
      };
    case 'board-pack':
      return { ...inputs.council, period: inputs.period, stem: 'board-pack' };
  }
}

/** The releases a report's figures came from, once each, in the order they were made. */
export async function releasesCited(
  imports: Pick<ImportService, 'getRelease'>,
  releaseIds: readonly number[],
): Promise<Provenance['releases']> {
  const releases = await Promise.all(
    [...new Set(releaseIds)].sort((a, b) => a - b).map((id) => imports.getRelease(id)),
  );
  return releases.map((r) => ({
    id: r.id,
    fileName: r.fileName,
    fileSha256: r.fileSha256,
    importedAt: r.importedAt.toISOString(),
  }));
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function reportService(deps: {
  db: Db;
  clock: Clock;
  organisations: OrganisationService;
  benchmarking: BenchmarkingService;
  narratives: NarrativeService;
  comparators: ComparatorService;
  imports: ImportService;
  printer: () => Printer;
}) {
  const { db, organisations, benchmarking, narratives, imports } = deps;

  async function provenance(
    releaseIds: number[],
    actor: Actor,
    group: CouncilYear['group'],
  ): Promise<Provenance> {
    return {
      releases: await releasesCited(imports, releaseIds),
      comparatorGroup: group ? { id: group.id, name: group.name, version: group.version } : undefined,
      generatedAt: deps.clock.now().toISOString(),
      generatedBy: actor.label,
    };
  }

  async function trendsFor(year: CouncilYear, inputs: Omit<ProfileInputs, 'trends'>): Promise<TrendInput[]> {
    const chosen = profileStatements({ ...inputs, trends: [] })
      .flatMap((s) => (s.measureId ? [s.measureId] : []))
      .slice(0, 2);
    const out: TrendInput[] = [];
    for (const measureId of chosen) {
      const m = inputs.measures.find((x) => x.id === measureId);
      const series = await benchmarking.trendSeries(year.orgCode, measureId, {
        council: inputs.council.name,
        region: inputs.region.name,
      });
      out.push({ measureId, title: `${m?.code ?? ''} ${m?.shortTitle ?? measureId}`, series });
    }
    return out;
  }

  async function profileFrom(year: CouncilYear, actor: Actor): Promise<ProfileInputs> {
    const council = organisations.get(year.orgCode);
    const region = organisations.get(council.regionCode ?? '');
    const narrative = await narratives.current(year.orgCode, year.period);
    const used = new Set(year.current.map((r) => r.measureId));
    const base: Omit<ProfileInputs, 'trends'> = {
      kind: 'council-profile',
      version: 1,
      council: { code: council.code, name: council.name },
      region: { code: region.code, name: region.name },
      period: year.period,
      previousPeriod: year.previousPeriod ?? null,
      measures: year.measures
        .filter((m) => used.has(m.id))
        .map((m) => ({
          id: m.id,
          code: m.code,
          title: m.title,
          shortTitle: m.shortTitle,
          unit: m.unit,
          decimals: m.decimals,
          polarity: m.polarity,
          multiplier: m.multiplier,
        })),
      current: year.current,
      previous: year.previous,
      comparatorGroup: year.group
        ? {
            id: year.group.id,
            name: year.group.name,
            version: year.group.version,
            members: deps.comparators.membersOn(year.group, parsePeriod(year.period)?.end ?? ''),
          }
        : null,
      narrative: narrative
        ? {
            narrative: narrative.narrative,
            extraHighlights: narrative.extraHighlights,
            signatoryName: narrative.signatoryName,
            signatoryTitle: narrative.signatoryTitle,
            version: narrative.version,
          }
        : null,
      provenance: await provenance(year.releases, actor, year.group),
    };
    return { ...base, trends: await trendsFor(year, base) };
  }

  function documentOf(inputs: AnyReportInputs): ReportDocument {
    switch (inputs.kind) {
      case 'council-profile':
        return profileDocument(inputs);
      case 'regional-pack':
        return packDocument(inputs);
      case 'programme-update':
        return programmeDocument(inputs);
      case 'risk-register':
        return riskRegisterDocument(inputs);
      case 'board-pack':
        return boardPackDocument(inputs);
      case 'scorecard':
        return scorecardDocument(inputs);
      case 'quarterly-overview':
        return overviewDocument(inputs);
      case 'performance-plan':
        return planDocument(inputs);
    }
  }

  async function render(inputs: AnyReportInputs, format: ReportFormat): Promise<RenderedReport> {
    const doc = documentOf(inputs);
    const subject = reportSubject(inputs);
    const fileName = `${slug(subject.stem)}-${slug(subject.name)}-${slug(subject.period)}.${format}`;
    const html = () => renderHtml(doc, reportCss());
    if (format === 'html') return { body: html(), contentType: contentTypes.html, fileName };
    if (format === 'csv') return { body: renderCsv(doc), contentType: contentTypes.csv, fileName };
    if (format === 'xlsx') return { body: await renderXlsx(doc), contentType: contentTypes.xlsx, fileName };
    const printer = deps.printer();
    if (format === 'pdf')
      return { body: await printer.pdf(html(), doc.title), contentType: contentTypes.pdf, fileName };
    return {
      body: await renderDocx(doc, (svg, w, h) => printer.rasterise(svg, w, h)),
      contentType: contentTypes.docx,
      fileName,
    };
  }

  return {
    documentOf,
    render,
    /** Profile inputs from benchmark results already computed (a page that shows both runs the engine once). */
    profileFromYear: profileFrom,

    async profileInputs(
      actor: Actor,
      orgCode: string,
      period: string,
      group?: CouncilYear['group'] | null,
    ): Promise<ProfileInputs> {
      const org = organisations.get(orgCode);
      if (org.kind !== 'council') throw new ValidationError(`${org.name} is not a council`);
      const [year] = await benchmarking.councilsYear([orgCode], period, group);
      if (!year || year.current.length === 0)
        throw new NotFoundError(`There are no figures for ${org.name} in ${period}`);
      return profileFrom(year, actor);
    },

    async packInputs(actor: Actor, regionCode: string, period: string): Promise<PackInputs> {
      const region = organisations.get(regionCode);
      if (region.kind !== 'region') throw new ValidationError(`${region.name} is not a region`);
      const end = parsePeriod(period)?.end;
      if (!end) throw new ValidationError(`${period} is not a financial year`);
      const councils = councilsActiveOn(organisations.register, end, { regionCode }).sort((a, b) =>
        a.name.localeCompare(b.name),
      );
      const years = await benchmarking.councilsYear(
        councils.map((c) => c.code),
        period,
      );
      const profiles: ProfileInputs[] = [];
      for (const y of years) if (y.current.length > 0) profiles.push(await profileFrom(y, actor));
      if (profiles.length === 0)
        throw new NotFoundError(`There are no figures for ${region.name} councils in ${period}`);
      return {
        kind: 'regional-pack',
        version: 1,
        region: { code: region.code, name: region.name },
        period,
        profiles,
        provenance: await provenance(
          years.flatMap((y) => y.releases),
          actor,
          undefined,
        ),
      };
    },

    /** Saves the inputs so the same document can be rendered later, whatever is imported meanwhile. */
    async saveSnapshot(actor: Actor, inputs: AnyReportInputs): Promise<Snapshot> {
      const title = documentOf(inputs).title;
      const { code: subject, period } = reportSubject(inputs);
      return db.transaction(async (tx) => {
        const [row] = await tx.query<{ id: number; created_at: Date }>(
          `INSERT INTO report_snapshots (kind, subject_code, period, title, inputs, created_by, created_by_label)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, created_at`,
          [inputs.kind, subject, period, title, JSON.stringify(inputs), actor.userId, actor.label],
        );
        const snapshot = {
          id: row!.id,
          kind: inputs.kind,
          subjectCode: subject,
          period,
          title,
          createdBy: actor.label,
          createdAt: row!.created_at,
        };
        await recordAudit(tx, actor, 'report.snapshot', { type: 'report-snapshot', id: snapshot.id }, null, {
          kind: inputs.kind,
          subject,
          period,
        });
        return snapshot;
      });
    },

    async listSnapshots(): Promise<(Snapshot & { holdsExempt: boolean })[]> {
      const rows = await db.query<{
        id: number;
        kind: string;
        subject_code: string;
        period: string;
        title: string;
        created_by_label: string;
        created_at: Date;
        holds_exempt: boolean;
      }>(
        `SELECT id, kind, subject_code, period, title, created_by_label, created_at,
           COALESCE(inputs #>> '{register,audience}' = 'internal', false) AS holds_exempt
         FROM report_snapshots ORDER BY id DESC`,
      );
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        subjectCode: r.subject_code,
        period: r.period,
        title: r.title,
        createdBy: r.created_by_label,
        createdAt: r.created_at,
        holdsExempt: r.holds_exempt,
      }));
    },

    /** The saved inputs, marked with the snapshot they came from. */
    async snapshotInputs(id: number): Promise<AnyReportInputs> {
      const [row] = await db.query<{ inputs: AnyReportInputs }>(
        'SELECT inputs FROM report_snapshots WHERE id = $1',
        [id],
      );
      if (!row) throw new NotFoundError(`There is no saved report ${id}`);
      const inputs = row.inputs;
      inputs.provenance = { ...inputs.provenance, snapshotId: id };
      return inputs;
    },
  };
}
export type ReportService = ReturnType<typeof reportService>;
