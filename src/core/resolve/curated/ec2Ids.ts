/**
 * EC2 resource ids start with a prefix that names their type. Lists that mix types (CreateTags'
 * `resourcesSet`) are resolved through it. Values are IAM resource type names of the ec2 service.
 */
export const EC2_ID_PREFIX_TYPES: Readonly<Record<string, string>> = {
  i: 'instance',
  vol: 'volume',
  snap: 'snapshot',
  ami: 'image',
  sg: 'security-group',
  subnet: 'subnet',
  vpc: 'vpc',
  eni: 'network-interface',
  igw: 'internet-gateway',
  eigw: 'egress-only-internet-gateway',
  rtb: 'route-table',
  acl: 'network-acl',
  nat: 'natgateway',
  eipalloc: 'elastic-ip',
  lt: 'launch-template',
  dopt: 'dhcp-options',
  pcx: 'vpc-peering-connection',
  tgw: 'transit-gateway',
  'tgw-attach': 'transit-gateway-attachment',
  'tgw-rtb': 'transit-gateway-route-table',
  vpce: 'vpc-endpoint',
  vgw: 'vpn-gateway',
  cgw: 'customer-gateway',
  vpn: 'vpn-connection',
  fl: 'vpc-flow-log',
  sir: 'spot-instances-request',
  pl: 'prefix-list',
  h: 'dedicated-host',
  cr: 'capacity-reservation',
  fleet: 'fleet',
  ipam: 'ipam',
};

/** The IAM type of an EC2 id such as `i-0abc…` or `tgw-attach-…`, if its prefix is known. */
export function ec2TypeOfId(id: string): string | undefined {
  const dash = id.lastIndexOf('-');
  if (dash <= 0 || dash > 12) return undefined;
  return EC2_ID_PREFIX_TYPES[id.slice(0, dash)];
}

const PREFIX_OF_TYPE = new Map<string, string>(Object.entries(EC2_ID_PREFIX_TYPES).map(([p, t]) => [t, p + '-']));

/**
 * False when an id visibly belongs to another type: an EC2 `instance` needs `i-…`, an SSM
 * `managed-instance` needs `mi-…` (hybrid nodes), so one instanceId does not name both.
 */
export function idFitsType(typeName: string, service: string, value: string): boolean {
  if (service === 'ec2') {
    const prefix = PREFIX_OF_TYPE.get(typeName);
    return prefix === undefined || value.startsWith(prefix);
  }
  if (service === 'ssm' && typeName === 'managed-instance') return value.startsWith('mi-');
  return true;
}
