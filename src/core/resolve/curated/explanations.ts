/**
 * Reasons for the cases where the record cannot name the target, in words a person can act on.
 * Checked before the generic "template needs X" reason.
 */
import type { RecordValues } from '../recordValues';
import { isKmsKeyId } from '../fillTemplates';

/** Why a KMS call names no key: no key id, an alias, or a value that is neither. */
export function explainKms(action: string, missingVariable: string, values: RecordValues): string | undefined {
  if (missingVariable === 'KeyId') {
    const keyId = firstRequest(values, 'keyid') ?? firstRequest(values, 'targetkeyid');
    if (keyId === undefined) {
      return `${action}: the record carries no key id (CloudTrail omits it when the key is identified by the ciphertext, and this record has no resources[] entry)`;
    }
    if (keyId.startsWith('alias/') || keyId.includes(':alias/')) {
      return `${action}: keyId is the alias "${keyId}"; an alias is not a key, and the key it pointed to is not in the record`;
    }
    if (!isKmsKeyId(keyId)) return `${action}: keyId "${keyId}" is neither a key id, a key ARN nor an alias`;
  }
  return undefined;
}

/** Why a Secrets Manager call names no secret: a name lacks the ARN's random suffix. */
export function explainSecret(action: string, missingVariable: string, values: RecordValues): string | undefined {
  if (missingVariable === 'SecretId') {
    const name = firstRequest(values, 'secretid') ?? firstRequest(values, 'name');
    if (name !== undefined) {
      return `${action}: the secret is named "${name}" only; its ARN ends in a random suffix the record does not carry`;
    }
  }
  return undefined;
}

function firstRequest(values: RecordValues, key: string): string | undefined {
  for (const fv of values.byKey.get(key) ?? []) if (fv.side === 'request') return fv.value;
  return undefined;
}
