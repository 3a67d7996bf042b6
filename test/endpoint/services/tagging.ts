/** Resource Groups Tagging API over awsJson1_1: GetResources with PaginationToken ("" on the last page). */
import type { EndpointState } from '../state';
import { ServiceError, makeToken, readToken } from '../wire';

export function getResources(state: EndpointState, account: string, region: string, input: Record<string, unknown>, pageCap: number): unknown {
  const asked = input.ResourcesPerPage === undefined ? 50 : Number(input.ResourcesPerPage);
  if (!Number.isInteger(asked) || asked < 1 || asked > 100) throw new ServiceError(400, 'InvalidParameterException', 'ResourcesPerPage must be between 1 and 100.');
  const per = Math.min(asked, pageCap);
  const all = [...(state.resources.get(`${account}:${region}`) ?? [])].sort((a, b) => (a.ResourceARN < b.ResourceARN ? -1 : 1));
  const token = typeof input.PaginationToken === 'string' && input.PaginationToken !== '' ? input.PaginationToken : undefined;
  const offset = readToken(token, `${account}:${region}`, 'PaginationTokenExpiredException');
  return {
    PaginationToken: offset + per < all.length ? makeToken(offset + per, `${account}:${region}`) : '',
    ResourceTagMappingList: all.slice(offset, offset + per),
  };
}
