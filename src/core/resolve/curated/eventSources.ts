/**
 * CloudTrail eventSource host names whose first label is not the IAM service prefix.
 * Everything else maps by the first label (`ec2.amazonaws.com` -> `ec2`).
 */
export const EVENT_SOURCE_PREFIX: Readonly<Record<string, string>> = {
  monitoring: 'cloudwatch',
  amazonmq: 'mq',
  pinpoint: 'mobiletargeting',
  tagging: 'tag',
  rdsdata: 'rds-data',
  pricelist: 'pricing',
  opensearchservice: 'es',
  qconnect: 'wisdom',
  'application-insights': 'applicationinsights',
  migrationhub: 'mgh',
  cloudcontrolapi: 'cloudformation',
  transcribestreaming: 'transcribe',
  email: 'ses',
  'servicecatalog-appregistry': 'servicecatalog',
  macie: 'macie2',
  billingconsole: 'aws-portal',
  elasticloadbalancingv2: 'elasticloadbalancing',
  'sso-directory': 'sso-directory',
  'streams.dynamodb': 'dynamodb',
  'api.ecr': 'ecr',
  'lex': 'lex',
  // S3 event notifications, which share CloudTrail's `Records` wrapper but are not CloudTrail records.
  'aws:s3': 's3',
};
