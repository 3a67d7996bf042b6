/** The callers as the scenario uses them: who, through which channel, under which session name. */
import { P } from './account';
import type { Caller, Channel } from './identity';

const as = (principal: Caller['principal'], channel: Channel, session?: string): Caller => ({ principal, channel, ...(session ? { session } : {}) });

export const A = {
  alice: as(P.alice, 'cli'),
  aliceConsole: as(P.alice, 'console'),
  dave: as(P.dave, 'cli'),
  bob: as(P.bob, 'console'),
  bobCli: as(P.bob, 'cli'),
  carol: as(P.carol, 'cli'),
  legacy: as(P.legacyBatch, 'cli'),
  checkoutApi: (task: string): Caller => as(P.checkoutApi, 'ecs', task),
  checkoutWorker: as(P.checkoutWorker, 'lambda', 'checkout-payment-handler'),
  catalogIndexer: as(P.catalogIndexer, 'lambda', 'catalog-indexer'),
  catalogHost: (instanceId: string): Caller => as(P.catalogHost, 'ec2', instanceId),
  analyticsEtl: as(P.analyticsEtl, 'lambda', 'analytics-daily-rollup'),
  ci: (run: number): Caller => as(P.ciCatalog, 'cli', `gitlab-runner-${run}`),
  platformObs: as(P.platformObs, 'lambda', 'platform-log-janitor'),
  erin: as(P.ssoCheckout, 'console', 'erin.walsh@example.com'),
  erinCli: as(P.ssoCheckout, 'cli', 'erin.walsh@example.com'),
  frank: as(P.ssoCatalog, 'console', 'frank.ito@example.com'),
  grace: as(P.ssoAnalytics, 'cli', 'grace.lee@example.com'),
  heidi: as(P.ssoAdmin, 'console', 'heidi.brown@example.com'),
  configSlr: as(P.configSlr, 'lambda', 'AWSConfig-Describe'),
  partnerEtl: as(P.partnerEtl, 'partner', 'nightly-sync'),
  partnerSession: as(P.partnerAccess, 'partner', 'partner-nightly-sync'),
  cloudtrail: { service: 'cloudtrail.amazonaws.com' },
  config: { service: 'config.amazonaws.com' },
};
