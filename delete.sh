#!/usr/bin/env bash
# Removes what deploy.sh created: empties the web bucket, then deletes the stack. The events table,
# the source of truth, is kept (DeletionPolicy: Retain, deletion protection on), as is API Gateway's
# account-wide logging role. STACK_NAME (default todo) names the stack; --yes skips the question.
cd "$(dirname "$0")"
source scripts/setup.sh
stack=${STACK_NAME:-todo}

command -v aws >/dev/null || die "aws is missing: install the AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)."
aws sts get-caller-identity >/dev/null 2>&1 || die "the AWS CLI has no working credentials: run 'aws configure' or 'aws sso login' and try again."
region=$(aws configure get region 2>/dev/null || true)
region=${AWS_REGION:-${AWS_DEFAULT_REGION:-$region}}
[ -n "$region" ] || die "no AWS region: set AWS_REGION or run 'aws configure set region <region>'."
aws cloudformation describe-stacks --region "$region" --stack-name "$stack" >/dev/null 2>&1 ||
  die "there is no stack $stack in $region (set STACK_NAME or AWS_REGION)."

output() {
  aws cloudformation describe-stacks --region "$region" --stack-name "$stack" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}
bucket=$(output WebBucketName)
events=$(output EventsTableName)

if [ "${1:-}" != "--yes" ]; then
  read -r -p "Delete stack $stack in $region (the events table $events is kept)? [y/N] " answer || true
  [ "$answer" = y ] || [ "$answer" = Y ] || die "nothing deleted."
fi

# CloudFormation cannot delete a bucket that still holds objects.
say "Emptying s3://$bucket"
aws s3 rm "s3://$bucket" --region "$region" --recursive >/dev/null
say "Deleting stack $stack"
aws cloudformation delete-stack --region "$region" --stack-name "$stack"
aws cloudformation wait stack-delete-complete --region "$region" --stack-name "$stack"

say "Deleted"
echo "Kept:"
echo "  $events, the events table: every todo's history. To delete it too:"
echo "    aws dynamodb update-table --region $region --table-name $events --no-deletion-protection-enabled"
echo "    aws dynamodb delete-table --region $region --table-name $events"
echo "  API Gateway's CloudWatch logging role (an account-wide setting other APIs may use)."
echo "A new stack of the same name needs the kept table gone, or another STACK_NAME."
