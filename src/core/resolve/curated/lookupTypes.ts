/**
 * LookupEvents `Resources` types whose IAM resource type is not the kebab-case of the CloudFormation
 * type name (`AWS::EC2::SecurityGroup` -> `security-group` works without an entry here), with the
 * transform the name needs. Keyed by the CloudFormation type.
 */
import type { Transform } from './aliases';

export interface LookupTypeRule {
  prefix: string;
  resourceType: string;
  transform?: Transform;
  assumption?: string;
}

export const LOOKUP_TYPES: Readonly<Record<string, LookupTypeRule>> = {
  'AWS::RDS::DBInstance': { prefix: 'rds', resourceType: 'db' },
  'AWS::RDS::DBCluster': { prefix: 'rds', resourceType: 'cluster' },
  'AWS::RDS::DBSnapshot': { prefix: 'rds', resourceType: 'snapshot' },
  'AWS::RDS::DBClusterSnapshot': { prefix: 'rds', resourceType: 'cluster-snapshot' },
  'AWS::EC2::EIP': { prefix: 'ec2', resourceType: 'elastic-ip' },
  'AWS::EC2::NatGateway': { prefix: 'ec2', resourceType: 'natgateway' },
  'AWS::EC2::Ami': { prefix: 'ec2', resourceType: 'image' },
  'AWS::EC2::KeyPair': { prefix: 'ec2', resourceType: 'key-pair' },
  'AWS::SSM::Parameter': { prefix: 'ssm', resourceType: 'parameter', transform: 'stripLeadingSlash' },
  'AWS::SQS::Queue': { prefix: 'sqs', resourceType: 'queue', transform: 'queueUrl' },
  'AWS::Lambda::Function': { prefix: 'lambda', resourceType: 'function' },
  'AWS::IAM::Role': { prefix: 'iam', resourceType: 'role', assumption: 'IAM path unknown: assumed /' },
  'AWS::IAM::User': { prefix: 'iam', resourceType: 'user', assumption: 'IAM path unknown: assumed /' },
  'AWS::IAM::Group': { prefix: 'iam', resourceType: 'group', assumption: 'IAM path unknown: assumed /' },
  'AWS::IAM::InstanceProfile': { prefix: 'iam', resourceType: 'instance-profile', assumption: 'IAM path unknown: assumed /' },
  'AWS::Logs::LogGroup': { prefix: 'logs', resourceType: 'log-group' },
  'AWS::CloudTrail::Trail': { prefix: 'cloudtrail', resourceType: 'trail' },
  'AWS::KMS::Key': { prefix: 'kms', resourceType: 'key', transform: 'kmsKeyId' },
};
