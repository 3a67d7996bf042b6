// Rebuilds the records of the second held-out sample (test/labelled/holdout-2) from plain `git clone`s of
// the public repositories they come from. The records are never committed here (provenance and
// licence); the labels point at them by file and line, so this script must write them in the same order.
//
//   npx tsx scripts/holdout2-extract.ts --clones <dir with owner/name clones> --out <records dir>
//
// Each source is read at a fixed commit with `git -C <clone> show <commit>:<path>`, so a full (not
// shallow) clone is needed. See test/labelled/holdout-2/README.md for the clone commands.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** AWS documentation guides: CloudTrail examples in the Markdown sources, read at the last commit that had them. */
const AWSDOCS: Record<string, string> = {
  'amazon-athena-user-guide': '765e909ebcf8817b22efad881b7f90f32440b891',
  'amazon-cloudwatch-user-guide': 'cc40332fd9cd65366e991a6fd68654b2875588cc',
  'amazon-cognito-developer-guide': '85b058f5b3d0454507340693252862e857575cc2',
  'amazon-dynamodb-developer-guide': '822948021fcd815a33c040fb6cce5fa0d4127df4',
  'amazon-ecs-developer-guide': '49232cf2ab3bbe78781a45fb1a4c4cf7eee8790a',
  'amazon-efs-user-guide': '3046dd78002c8cffb8a059012634bb4d6af1ec6a',
  'amazon-elasticache-docs': '7ed0a8ac051dff26b488e7ffaeef5bc5942aa7c4',
  'amazon-guardduty-user-guide': '7736793b30f29a8fe64245b652779a13c82a8a75',
  'amazon-rds-user-guide': 'f2e9ed35fba2cb7e3942a1c23ed5b37162222d41',
  'amazon-route53-docs': 'b5a28eb358f9b71922c4a48677ccd17f0c4d873f',
  'amazon-s3-userguide': 'cc53dd6a44d3aa1d654e6d3705a0a7550f20fd2a',
  'amazon-sqs-developer-guide': '39de636dd41007e232595165587ba162ddc491f4',
  'aws-batch-user-guide': '39859a873a55ca93ed87abb00b6dd7c7a800fed9',
  'aws-certificate-user-guide': '36ba3734320821599edc8024280402329d680ab0',
  'aws-cloudhsm-user-guide': '30443dad077f8a69038261d3a42ae33dbd2a3748',
  'aws-cloudtrail-user-guide': '56f54d99dfee0c3faf3d4a2b87bb572ad9edf58a',
  'aws-codebuild-user-guide': '66cc3be8e695e9daf47158339ab05df638a90331',
  'aws-codecommit-user-guide': 'bbeea671f06e3f5b980c315ced81917e2b4c29f2',
  'aws-config-developer-guide': '572f3077b849a2a49b175e097bc56dd17f643e85',
  'aws-glue-developer-guide': 'c4620efebace335848b16d6990339cfbb0df48bf',
  'aws-kms-developer-guide': '3447fd9221fcc8ee5589b4c1a513883756729eac',
  'aws-lambda-developer-guide': '03f7fcb0b771f031f7cb3aa43e8b18407c00b3a8',
  'aws-organizations-docs': '8df18e7aeb8068515cd8ab22e852ad25a052edbd',
  'aws-secrets-manager-docs': 'c3b51ccd07d474206fae2b1b104d16336cace5f1',
  'aws-security-hub-user-guide': '47bfe2f1de2e486914543113d2e751f3e2ed8868',
  'aws-single-sign-on-user-guide': '1a4526f5ced9b8e93285264e50c475fd63839506',
  'aws-step-functions-developer-guide': '3d6752c179885aa864a2a49eb47a8131b5004aa0',
  'aws-systems-manager-user-guide': 'dd495cca5833730e93837f1b3b66e8290a9bde2f',
  'aws-transfer-user-guide': 'd44c974618ff14cf84a0746d346c0495045e475e',
  'iam-user-guide': 'e2b8637a825b9f292bb04af61277d067dfcc5676',
};

/** elastic/integrations pipeline test inputs: [file, commit, 0-based line], in the order of the records file. */
const ELASTIC_DIR = 'packages/aws/data_stream/cloudtrail/_dev/test/pipeline/';
const ELASTIC: [string, string, number][] = [
  ['test-converse-json.log', '6c41b98669bd93ca8453e09000593c3da3254c33', 0],
  ['test-add-permission-json.log', 'a0c8636cc0ab89a3265761d15046412c52cc8803', 0],
  ['test-batch-get-secret-value-json.log', '6c41b98669bd93ca8453e09000593c3da3254c33', 0],
  ['test-create-control-channel-json.log', 'a0c8636cc0ab89a3265761d15046412c52cc8803', 0],
  ['test-create-detector-json.log', '6b00e3c36c82466c80661ffa5c3381a6bd1abcae', 0],
  ['test-create-document-json.log', '02e75adab08c84b8300f9fd4218773182ab12f8b', 0],
  ['test-create-stack-set-json.log', '8431b80f92faa75f45bec250a6856941180b9f21', 0],
  ['test-create-trust-anchor-json.log', 'a7935d403eb6f8dfed4d940316cc1b2fc0ddc7cc', 0],
  ['test-delete-resolver-query-log-config-json.log', '4319ae7054aa7f5d177501b24585f32a1214a99f', 0],
  ['test-delete-web-acl-json.log', '17e36465ec2a2f413c236ce80ded765d92cf6132', 0],
  ['test-get-parameters-json.log', 'c81e9fe78b8c969e7b96b4a6486e10b6a9fc3d94', 0],
  ['test-send-command-targets-json.log', '29bc9c879bb587072682419993ce16697e2539a7', 0],
  ['test-start-session-json.log', '8ea4b18e74d7b06c4f190c44cd080c46a75ee3cd', 0],
  ['test-publish-json.log', 'a7935d403eb6f8dfed4d940316cc1b2fc0ddc7cc', 0],
  ['test-modify-db-cluster-snapshot-attribute-json.log', '59c1e082d627ad5a83173e73a1d06fcc87318cf5', 0],
  ['test-us-gov-arn.log', '62fd28b60ec7d479496d44568b03fe697c028888', 0],
  ['test-update-lambda-json.log', '811c7f0405acdfb7833d6126c799568fd5637678', 0],
  ['test-schedule-key-deletion-json.log', '02e75adab08c84b8300f9fd4218773182ab12f8b', 0],
  ['test-stop-configuration-recorder.log', '36d53a363ce0902f7e0ed0892bdf5e96dd1c3e39', 0],
  ['test-delete-file-system-json.log', '6c41b98669bd93ca8453e09000593c3da3254c33', 0],
  ['test-open-control-channel-instance-arn-json.log', '3ab428122032078a49f7d46b08c4586907546c2c', 0],
  ['test-create-lambda-json.log', '301782afb684b38b19aa0a0efc0253624b55ce4f', 0],
  ['test-delete-rule-group-json.log', '27562b77715dc01e70f7da048847e0a39e11facf', 0],
  ['test-subscribe-json.log', '5c39cccdf31b106958eaeb5212b09546f295e789', 0],
  ['test-send-ssh-public-key-json.log', '2220ef8da5be8e842b48ede522d2867b2197062e', 0],
  ['test-create-topic-json.log', 'a7935d403eb6f8dfed4d940316cc1b2fc0ddc7cc', 0],
  ['test-delete-log-stream-json.log', '6c41b98669bd93ca8453e09000593c3da3254c33', 0],
  ['test-get-secret-value-json.log', '27562b77715dc01e70f7da048847e0a39e11facf', 0],
  ['test-terminate-session-json.log', '2e439ccf84fe390a30bd9b045e337ae67570bad8', 0],
  ['test-delete-global-cluster-json.log', '088f4c1ebf06cbc90945a088e7e687b63c223f2c', 0],
  ['test-create-stack-json.log', '65e7d7ba26917cce8adb1636c0fe1a8fccc66fd6', 0],
  ['test-delete-alarms-json.log', 'a7935d403eb6f8dfed4d940316cc1b2fc0ddc7cc', 0],
  ['test-delete-mount-target-json.log', '5c39cccdf31b106958eaeb5212b09546f295e789', 0],
  ['test-get-password-data-json.log', '80125be28541da5301dae5ec2d3e9f47da2176b5', 0],
  ['test-disable-key-json.log', '41014905f78bf07611a2ccd06171f2f56b989314', 0],
  ['test-copy-object-json.log', '8431b80f92faa75f45bec250a6856941180b9f21', 0],
  ['test-delete-rule-json.log', '0dd547f15d6af42a72f7357cc53ced697f6ff8cd', 0],
  ['test-send-serial-console-ssh-public-key-json.log', '3795606b1a95b266a8fd10cb34fa74ca70b4ab87', 0],
  ['test-get-parameter-json.log', '43be14767c20265104c213f5ecc7ee3d1d54a02a', 0],
  ['test-delete-log-group-json.log', '29bc9c879bb587072682419993ce16697e2539a7', 0],
  ['test-update-trail-json.log', 'bd879f20b98d00445979fbec21d89b183cfe1a38', 1],
  ['test-list-attached-role-policies-json.log', '4773453aca48ed8b4738f1ab78cd9c23b5156494', 0],
  ['test-get-bucket-policy-json.log', '6c41b98669bd93ca8453e09000593c3da3254c33', 0],
  ['test-modify-image-attribute-json.log', '2e439ccf84fe390a30bd9b045e337ae67570bad8', 0],
  ['test-delete-flow-log-json.log', 'e3e141c6f30d013db8fc4ccf3a0d404a13e181c1', 0],
  ['test-user-authentication.log', 'afee3bdd8b6fc07934004fe0c14c468e8c33776a', 0],
  ['test-put-bucket-replication-json.log', '3534b36a4dfd694eb719e54c934efd233455361b', 0],
  ['test-assume-role-aws-service-json.log', '3ab428122032078a49f7d46b08c4586907546c2c', 0],
  ['test-update-assume-role-policy-json.log', '02e75adab08c84b8300f9fd4218773182ab12f8b', 0],
  ['test-create-traffic-mirror-session-request-json.log', '27562b77715dc01e70f7da048847e0a39e11facf', 0],
  ['test-get-caller-identity-json.log', '02e75adab08c84b8300f9fd4218773182ab12f8b', 0],
  ['test-delete-detector-json.log', '02e75adab08c84b8300f9fd4218773182ab12f8b', 0],
  ['test-put-object-json.log', '37a4d6190c4f1c53da3359b50204c33ffc05e411', 0],
  ['test-send-command-all-json.log', '02e75adab08c84b8300f9fd4218773182ab12f8b', 0],
  ['test-get-policy-json.log', '6d8d20aea4f0a82c8fe3f0b98a69df028fed2ca1', 0],
  ['test-delete-network-acl-entry-json.log', '8431b80f92faa75f45bec250a6856941180b9f21', 0],
  ['test-modify-snapshot-attribute-json.log', 'e3e141c6f30d013db8fc4ccf3a0d404a13e181c1', 0],
  ['test-attach-role-policy-json.log', '29bc9c879bb587072682419993ce16697e2539a7', 0],
  ['test-create-policy-json.log', '2e439ccf84fe390a30bd9b045e337ae67570bad8', 0],
  ['test-assume-role-email-session-json.log', 'b3a54b9232ac0e259744e48882f2a302f3895ff1', 0],
];

/** Techcadia/cloudtrail-console-actions example files ({"Records": [...]}), in order. */
const TECHCADIA_COMMIT = '06074ff100b3bccda35a8c5e5ff2f604d4aac011';
const TECHCADIA = ['examples/CreateTags.json', 'examples/DescribeEventAggregates.json', 'examples/ListFindings.json', 'examples/ModifyInstanceAttribute.json'];

type Json = Record<string, unknown>;

function git(clone: string, args: string[]): string {
  return execFileSync('git', ['-C', clone, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** JSON with object keys sorted, to find exact duplicates. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/** Every balanced top-level {...} of a code block that parses as JSON (blocks with prose or "..." in them). */
function objectsIn(text: string): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '{') continue;
    let depth = 0;
    let inString = false;
    let j = i;
    for (; j < text.length; j++) {
      const c = text[j];
      if (inString) {
        if (c === '\\') j++;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    if (depth !== 0) break;
    try {
      const o: unknown = JSON.parse(text.slice(i, j + 1));
      if (!isObject(o)) continue;
      if (Array.isArray(o.Records)) out.push(...o.Records);
      else if (o.eventSource !== undefined || o.detail !== undefined) out.push(isObject(o.detail) && o.detail.eventSource ? o.detail : o);
      else continue;
      i = j;
    } catch {
      // not JSON on its own: look inside it
    }
  }
  return out;
}

/** CloudTrail records in the Markdown code blocks of one guide, de-duplicated, in path order. */
function fromMarkdown(clone: string, commit: string): Json[] {
  let files: string[] = [];
  try {
    files = git(clone, ['grep', '-l', 'eventSource', commit, '--', '*.md']).split('\n').filter(Boolean).map((s) => s.slice(commit.length + 1));
  } catch {
    files = [];
  }
  const seen = new Set<string>();
  const records: Json[] = [];
  for (const file of files.sort()) {
    const text = git(clone, ['show', `${commit}:${file}`]);
    for (const m of text.matchAll(/```[a-z]*\n([\s\S]*?)```/g)) {
      const block = m[1] ?? '';
      if (!block.includes('eventSource')) continue;
      const clean = block.replace(/\\([_*[\]()#.+!-])/g, '$1');
      let found: unknown[];
      try {
        const v: unknown = JSON.parse(clean);
        if (Array.isArray(v)) found = v;
        else if (isObject(v) && Array.isArray(v.Records)) found = v.Records;
        else if (isObject(v) && isObject(v.detail) && v.detail.eventSource) found = [v.detail];
        else found = [v];
      } catch {
        found = objectsIn(clean);
      }
      for (const r of found) {
        if (!isObject(r) || !r.eventName || typeof r.eventSource !== 'string' || !r.eventSource.endsWith('amazonaws.com')) continue;
        const key = canonical(r);
        if (seen.has(key)) continue;
        seen.add(key);
        records.push(r);
      }
    }
  }
  return records;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const clones = arg('--clones');
  const out = arg('--out') ?? process.env.TAGTRAIL_HOLDOUT2_DIR;
  if (!clones || !out) {
    console.error('usage: npx tsx scripts/holdout2-extract.ts --clones <dir of owner/name clones> --out <records dir>');
    process.exit(2);
  }
  mkdirSync(out, { recursive: true });
  const write = (name: string, lines: string[]): void => {
    writeFileSync(path.join(out, name), lines.map((l) => `${l}\n`).join(''));
    console.log(`${name}: ${lines.length} records`);
  };
  const missing: string[] = [];
  const cloneOf = (repo: string): string | undefined => {
    const dir = path.join(clones, repo);
    if (existsSync(dir)) return dir;
    missing.push(repo);
    return undefined;
  };
  for (const [name, commit] of Object.entries(AWSDOCS)) {
    const clone = cloneOf(`awsdocs/${name}`);
    if (clone) write(`awsdocs_${name}.jsonl`, fromMarkdown(clone, commit).map((r) => JSON.stringify(r)));
  }
  const elastic = cloneOf('elastic/integrations');
  if (elastic) {
    write('elastic_integrations_cloudtrail.jsonl', ELASTIC.map(([file, commit, line]) => {
      const text = (git(elastic, ['show', `${commit}:${ELASTIC_DIR}${file}`]).split('\n')[line] ?? '').trim();
      JSON.parse(text);
      return text;
    }));
  }
  const techcadia = cloneOf('Techcadia/cloudtrail-console-actions');
  if (techcadia) {
    const lines: string[] = [];
    for (const file of TECHCADIA) {
      const v = JSON.parse(git(techcadia, ['show', `${TECHCADIA_COMMIT}:${file}`])) as Json;
      for (const r of Array.isArray(v.Records) ? v.Records : [v]) lines.push(JSON.stringify(r));
    }
    write('techcadia_cloudtrail-console-actions.jsonl', lines);
  }
  if (missing.length > 0) {
    console.error(`not cloned (their records files were not written): ${missing.join(', ')}`);
    process.exit(1);
  }
}

main();
