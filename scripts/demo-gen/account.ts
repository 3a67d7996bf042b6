/**
 * The fictional account the demo describes: who exists (users, roles, Identity Center roles), what
 * exists (resources across services), and which product each belongs to. Everything else in the
 * demo — inventory files, trail records, expectations — is derived from these tables.
 */
import { Rng, UPPER_ALNUM, ALNUM } from './rng';

export const ACCOUNT = '111122223333';
/** The partner account whose role reads analytics data across accounts. */
export const PARTNER_ACCOUNT = '444455556666';
export const MAIN_REGION = 'eu-west-1';
export const SECOND_REGION = 'us-east-1';
export const TAG_KEY = 'product';

export type PrincipalKind = 'user' | 'role' | 'sso-role';

/** A user or role of the demo (or of the partner account). */
export interface DemoPrincipal {
  kind: PrincipalKind;
  name: string;
  path: string;
  arn: string;
  accountId: string;
  /** AIDA… for users, AROA… for roles: what CloudTrail writes as principalId. */
  id: string;
  tags: Record<string, string>;
  /** The product a correct attribution gives this principal (tag or mapping pattern), if any. */
  product?: string;
  trustedService?: string;
  trustedAccount?: string;
}

/** A resource of the demo account with its tags. */
export interface DemoResource {
  arn: string;
  region: string;
  tags: Record<string, string>;
  product?: string;
  /** Untagged resources that never had tags are absent from get-resources, as AWS does it. */
  listedInTagging: boolean;
  /** The identifier CloudTrail requests use (name, id, url), when it differs from the ARN. */
  ref: string;
}

// Identifiers come from their own seed so that adding events never changes resource ids.
const ids = new Rng(0x7a67);
const ec2Id = (prefix: string): string => `${prefix}-0${ids.hex(16)}`;

function principal(kind: PrincipalKind, name: string, opts: Partial<DemoPrincipal> = {}): DemoPrincipal {
  const accountId = opts.accountId ?? ACCOUNT;
  const path = opts.path ?? '/';
  const type = kind === 'user' ? 'user' : 'role';
  return {
    kind,
    name,
    path,
    accountId,
    arn: `arn:aws:iam::${accountId}:${type}${path}${name}`,
    id: (kind === 'user' ? 'AIDA' : 'AROA') + ids.chars(17, UPPER_ALNUM),
    tags: opts.tags ?? {},
    ...(opts.product !== undefined ? { product: opts.product } : {}),
    ...(opts.trustedService !== undefined ? { trustedService: opts.trustedService } : {}),
    ...(opts.trustedAccount !== undefined ? { trustedAccount: opts.trustedAccount } : {}),
  };
}

const tagged = (product: string, extra: Record<string, string> = {}): Partial<DemoPrincipal> => ({ tags: { [TAG_KEY]: product, ...extra }, product });
const SSO_PATH = `/aws-reserved/sso.amazonaws.com/${MAIN_REGION}/`;
const sso = (set: string, product?: string): DemoPrincipal =>
  principal('sso-role', `AWSReservedSSO_${set}_${ids.hex(16)}`, { path: SSO_PATH, ...(product ? { product } : {}), trustedService: 'sso' });

/** Everyone who appears as a caller in the demo, keyed for the scenario. */
export const P = {
  alice: principal('user', 'alice.martin', tagged('checkout', { team: 'payments' })),
  dave: principal('user', 'dave.okafor', tagged('checkout')),
  bob: principal('user', 'bob.nguyen', tagged('catalog')),
  carol: principal('user', 'carol.schmidt', tagged('analytics')),
  // A service account from before tagging: it has no product and no mapping matches it.
  legacyBatch: principal('user', 'legacy-batch', { tags: { owner: 'unknown' } }),
  checkoutApi: principal('role', 'checkout-api', { ...tagged('checkout'), path: '/service/', trustedService: 'ecs-tasks.amazonaws.com' }),
  checkoutWorker: principal('role', 'checkout-payment-handler', { ...tagged('checkout'), path: '/service/', trustedService: 'lambda.amazonaws.com' }),
  catalogIndexer: principal('role', 'catalog-indexer', { ...tagged('catalog'), trustedService: 'lambda.amazonaws.com' }),
  catalogHost: principal('role', 'catalog-search-host', { ...tagged('catalog'), trustedService: 'ec2.amazonaws.com' }),
  analyticsEtl: principal('role', 'analytics-etl', { ...tagged('analytics'), trustedService: 'lambda.amazonaws.com' }),
  partnerAccess: principal('role', 'analytics-partner-access', { ...tagged('analytics'), trustedAccount: PARTNER_ACCOUNT }),
  // Untagged; the mapping file gives it a product by name pattern.
  ciCatalog: principal('role', 'ci-catalog-deploy', { product: 'catalog', trustedAccount: ACCOUNT }),
  platformObs: principal('role', 'platform-observability', { ...tagged('shared'), trustedService: 'lambda.amazonaws.com' }),
  configSlr: principal('role', 'AWSServiceRoleForConfig', { path: '/aws-service-role/config.amazonaws.com/', trustedService: 'config.amazonaws.com' }),
  ssoCheckout: sso('CheckoutDeveloper', 'checkout'),
  ssoCatalog: sso('CatalogDeveloper', 'catalog'),
  ssoAnalytics: sso('AnalyticsReader', 'analytics'),
  ssoAdmin: sso('AdministratorAccess'),
  // Lives in the partner account: known only through the mapping file.
  partnerEtl: principal('role', 'partner-etl-runner', { accountId: PARTNER_ACCOUNT, product: 'analytics' }),
} satisfies Record<string, DemoPrincipal>;

function res(arn: string, ref: string, product: string | undefined, opts: { region?: string; tags?: Record<string, string>; listed?: boolean } = {}): DemoResource {
  const tags = { ...(opts.tags ?? {}), ...(product ? { [TAG_KEY]: product } : {}) };
  return { arn, ref, region: opts.region ?? MAIN_REGION, tags, ...(product ? { product } : {}), listedInTagging: opts.listed ?? true };
}

const A = ACCOUNT;
const R1 = MAIN_REGION;
const bucket = (name: string, product: string | undefined, opts?: { region?: string; tags?: Record<string, string>; listed?: boolean }): DemoResource =>
  res(`arn:aws:s3:::${name}`, name, product, opts);
const arnOf = (service: string, rest: string, region = R1): string => `arn:aws:${service}:${region}:${A}:${rest}`;
const fn = (name: string, product?: string, listed = true): DemoResource => res(arnOf('lambda', `function:${name}`), name, product, { listed });
const table = (name: string, product: string): DemoResource => res(arnOf('dynamodb', `table/${name}`), name, product);
const queue = (name: string, product?: string, listed = true): DemoResource =>
  res(arnOf('sqs', name), `https://sqs.${R1}.amazonaws.com/${A}/${name}`, product, { listed });
const topic = (name: string, product: string): DemoResource => res(arnOf('sns', name), name, product);
const kmsKey = (product: string): DemoResource => {
  const id = ids.uuid();
  return res(arnOf('kms', `key/${id}`), id, product);
};
const secret = (name: string, product: string): DemoResource => res(arnOf('secretsmanager', `secret:${name}-${ids.chars(6, ALNUM)}`), name, product);
const param = (name: string, product: string): DemoResource => res(arnOf('ssm', `parameter${name}`), name, product);
const ec2 = (type: string, prefix: string, product: string | undefined, tags: Record<string, string> = {}): DemoResource => {
  const id = ec2Id(prefix);
  return res(arnOf('ec2', `${type}/${id}`), id, product, { tags });
};
const db = (name: string, product: string): DemoResource => res(arnOf('rds', `db:${name}`), name, product);
const logGroup = (name: string, product?: string, listed = true): DemoResource => res(arnOf('logs', `log-group:${name}`), name, product, { listed });

/** Every resource the demo's events touch, keyed for the scenario. */
export const R = {
  checkoutReceipts: bucket(`checkout-receipts-${A}`, 'checkout'),
  checkoutExports: bucket(`checkout-order-exports-${A}`, 'checkout'),
  catalogImages: bucket(`catalog-images-${A}`, 'catalog', { region: 'us-east-1' }),
  catalogFeeds: bucket(`catalog-feeds-${A}`, 'catalog'),
  analyticsLake: bucket(`analytics-datalake-${A}`, 'analytics'),
  sharedArtifacts: bucket(`shared-artifacts-${A}`, 'shared'),
  trailBucket: bucket(`aws-cloudtrail-logs-${A}-demo`, 'shared'),
  configBucket: bucket(`config-bucket-${A}`, 'shared'),
  scratch: bucket(`tmp-scratch-${A}`, undefined, { tags: { created_by: 'legacy-batch' } }),
  // Created by catalog inside the week and handed over to checkout by a retag (see history.ts).
  handoff: bucket(`catalog-handoff-${A}`, 'checkout'),
  checkoutFn: fn('checkout-payment-handler', 'checkout'),
  catalogFn: fn('catalog-indexer', 'catalog'),
  analyticsFn: fn('analytics-daily-rollup', 'analytics'),
  oldReportFn: fn('old-report-generator', undefined, false),
  ordersTable: table('checkout-orders', 'checkout'),
  productsTable: table('catalog-products', 'catalog'),
  sessionsTable: table('analytics-sessions', 'analytics'),
  paymentsQueue: queue('checkout-payments', 'checkout'),
  indexQueue: queue('catalog-index-updates', 'catalog'),
  deadLetters: queue('dead-letters-misc', undefined, false),
  priceTopic: topic('catalog-price-changes', 'catalog'),
  alertsTopic: topic('platform-alerts', 'shared'),
  checkoutKey: kmsKey('checkout'),
  analyticsKey: kmsKey('analytics'),
  sharedKey: kmsKey('shared'),
  stripeSecret: secret('checkout/stripe-api-key', 'checkout'),
  searchSecret: secret('catalog/search-api-key', 'catalog'),
  checkoutDbUrl: param('/checkout/db/url', 'checkout'),
  catalogEndpoint: param('/catalog/search/endpoint', 'catalog'),
  sharedVpcId: param('/shared/network/vpc-id', 'shared'),
  checkoutHost: ec2('instance', 'i', 'checkout', { Name: 'checkout-batch-1' }),
  catalogHost: ec2('instance', 'i', 'catalog', { Name: 'catalog-search-1' }),
  analyticsHost: ec2('instance', 'i', 'analytics', { Name: 'analytics-notebook' }),
  bastion: ec2('instance', 'i', undefined, { Name: 'bastion' }),
  checkoutVolume: ec2('volume', 'vol', 'checkout'),
  analyticsVolume: ec2('volume', 'vol', 'analytics'),
  checkoutSg: ec2('security-group', 'sg', 'checkout'),
  catalogSg: ec2('security-group', 'sg', 'catalog'),
  checkoutDb: db('checkout-db', 'checkout'),
  catalogDb: db('catalog-db', 'catalog'),
  checkoutCluster: res(arnOf('ecs', 'cluster/checkout'), 'checkout', 'checkout'),
  checkoutService: res(arnOf('ecs', 'service/checkout/checkout-web'), 'checkout-web', 'checkout'),
  platformCluster: res(arnOf('ecs', 'cluster/platform'), 'platform', 'shared'),
  catalogService: res(arnOf('ecs', 'service/platform/catalog-api'), 'catalog-api', 'catalog'),
  checkoutLogs: logGroup('/aws/lambda/checkout-payment-handler', 'checkout'),
  analyticsLogs: logGroup('/aws/lambda/analytics-daily-rollup', 'analytics'),
  auditLogs: logGroup('/platform/audit', 'shared'),
  oldReportLogs: logGroup('/aws/lambda/old-report-generator', undefined, false),
} satisfies Record<string, DemoResource>;

