import { loadValidOrganisations } from '../catalogue/organisations.js';
import { loadMeasureCatalogueOrThrow } from '../catalogue/measures.js';
import type { Config } from '../config.js';
import type { Db } from '../store/db.js';
import { createPrinter, type Printer } from '../reports/render/pdf.js';
import { auditService } from './audit.js';
import { benchmarkingService } from './benchmarking.js';
import { cldService } from './cld.js';
import { populationService } from './populations.js';
import { safeguardingService } from './safeguarding.js';
import { SAFEGUARDING_MEASURES } from '../cld/safeguarding/definitions.js';
import { measureDefinitionSchema, type CatalogueMeasure } from '../domain/measure.js';
import { systemClock, type Clock } from './clock.js';
import { comparatorService } from './comparators.js';
import { importService } from './imports.js';
import { measureService } from './measures.js';
import { narrativeService } from './narratives.js';
import { observationService } from './observations.js';
import { organisationService } from './organisations.js';
import { reportService } from './reports.js';
import { sessionService } from './sessions.js';
import { spcService } from './spc.js';
import { userService } from './users.js';
import { governanceService } from './programme/governance.js';
import { lookUpTarget, measureProgressService } from './programme/measure-progress.js';
import { overviewService } from './programme/overview.js';
import { programmeService } from './programme/programmes.js';
import { workforceService } from './programme/workforce.js';
import { planImportService } from './plan-imports.js';
import { planReportService } from './plan-reports.js';
import { riskService } from './risks/risks.js';
import { commentaryService } from './commentary.js';
import { performanceService } from './performance.js';
import { planService } from './plans.js';
import { targetService } from './targets.js';
import { valueService } from './values.js';

/**
 * The composition root: every service is built here, once, from the store, the clock and the
 * configuration. The HTTP app, the API and the CLI all receive this one object.
 */
export async function createServices(db: Db, config: Config, clock: Clock = systemClock) {
  const register = await loadValidOrganisations();
  const catalogue = await loadMeasureCatalogueOrThrow();
  const organisations = organisationService(db, register);
  const measures = measureService(db);
  const comparators = comparatorService(db, organisations);
  const imports = importService(db, measures, organisations);
  const narratives = narrativeService(db, organisations);
  const benchmarking = benchmarkingService(db, measures, organisations, comparators);
  const populations = populationService(db, organisations);
  const cld = cldService({
    db,
    config,
    populationOf: (code, year, band) => populations.populationOf(code, year, band),
    isCouncil: (code) => register.byCode.get(code)?.kind === 'council',
  });
  const safeguarding = safeguardingService({
    db,
    caseStore: cld.caseStore,
    pseudonymiser: cld.pseudonymiser,
    isCouncil: (code) => register.byCode.get(code)?.kind === 'council',
  });
  const targets = targetService({ db, clock, measures, organisations });
  const values = valueService({ db, clock, measures, organisations });
  const commentary = commentaryService(db, measures, organisations);
  const plans = planService({ db, measures, organisations, targets });
  const spc = spcService(db, measures, organisations);
  const performance = performanceService({
    db,
    clock,
    measures,
    organisations,
    targets,
    commentary,
    plans,
    spc,
    benchmarking,
    imports,
  });
  // Local safeguarding measures ship with the product beside the national catalogue.
  const shipped: CatalogueMeasure[] = [
    ...catalogue,
    ...SAFEGUARDING_MEASURES.map((m) => ({
      ...measureDefinitionSchema.parse(m),
      family: 'safeguarding',
      edition: 'local',
    })),
  ];
  const programmes = programmeService(db, clock, organisations, measures);
  const risks = riskService(db, clock, organisations);
  const programmeOverview = overviewService(programmes, clock);
  const governance = governanceService(db);
  const workforce = workforceService(db);
  const measureProgress = measureProgressService(benchmarking, measures, lookUpTarget(targets));
  // Chromium starts on first use (PDF or Word) and stays warm until close().
  let printer: Printer | undefined;
  const services = {
    db,
    clock,
    config,
    audit: auditService(db),
    users: userService(db),
    sessions: sessionService(db, clock, {
      idleHours: config.sessionIdleHours,
      limits: { maxFailures: config.signInMaxFailures, windowMinutes: config.signInWindowMinutes },
    }),
    organisations,
    measures,
    observations: observationService(db),
    comparators,
    imports,
    narratives,
    benchmarking,
    cld,
    safeguarding,
    populations,
    programmes,
    programmeOverview,
    governance,
    workforce,
    measureProgress,
    risks,
    planImports: planImportService(db, organisations, programmes, risks, measures),
    planReports: planReportService({
      clock,
      organisations,
      programmes,
      overview: programmeOverview,
      governance,
      workforce,
      measureProgress,
      risks,
    }),
    targets,
    values,
    commentary,
    plans,
    spc,
    performance,
    reports: reportService({
      db,
      clock,
      organisations,
      benchmarking,
      narratives,
      comparators,
      imports,
      printer: () => (printer ??= createPrinter()),
    }),
    /** Copies the shipped register and national catalogue into the store; audited when they change. */
    async syncReferenceData() {
      const orgs = await organisations.sync();
      const ms = await measures.syncCatalogue(shipped);
      return { organisations: orgs, measures: ms };
    },
    /** Releases what the services hold beyond the store: the warm browser. */
    async close() {
      await printer?.close();
      printer = undefined;
      await cld.close();
    },
  };
  return services;
}
export type Services = Awaited<ReturnType<typeof createServices>>;
