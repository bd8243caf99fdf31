#!/usr/bin/env bash
# Deploys the app to the AWS account and region your AWS CLI is configured for: builds the functions as
# Native AOT (sam build), deploys the stack (sam deploy), uploads the web app to its bucket and
# invalidates CloudFront. STACK_NAME (default todo), ALARM_EMAIL, ALLOWED_ORIGIN and AUTH_MODE (cognito,
# the default, or none for the classic open API, which it deploys only with --public-api) may be set, and
# API_RESERVED_CONCURRENCY, PROJECTOR_RESERVED_CONCURRENCY, TABLE_MAX_READ_UNITS and TABLE_MAX_WRITE_UNITS
# for the template's parameters of those names (docs/deploying.md).
cd "$(dirname "$0")"
source scripts/setup.sh
source scripts/aot.sh
stack=${STACK_NAME:-todo}

public_api=false
for arg in "$@"; do
  case "$arg" in
    --public-api) public_api=true ;;
    *) die "unknown option $arg; usage: [AUTH_MODE=none] ./deploy.sh [--public-api]" ;;
  esac
done
case "${AUTH_MODE:-cognito}" in
  cognito) ;;
  none) $public_api || die "AUTH_MODE=none deploys an API without sign-in: anyone who finds its URL can read, change and delete every todo of its one shared list. Run AUTH_MODE=none ./deploy.sh --public-api if that is what you want." ;;
  *) die "AUTH_MODE must be cognito or none, not ${AUTH_MODE}." ;;
esac

need() { command -v "$1" >/dev/null || die "$1 is missing: $2"; }
need sam "install the AWS SAM CLI (https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/install-sam-cli.html)."
need aws "install the AWS CLI v2 (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html)."
need npm "install Node.js 20 or newer with npm."
[ "$(uname -sm)" = "Linux x86_64" ] || die "the functions are Native AOT binaries for linux-x64 and must be built on x86_64 Linux; this is $(uname -sm)."
require_aot_tools
aws sts get-caller-identity >/dev/null 2>&1 || die "the AWS CLI has no working credentials: run 'aws configure' or 'aws sso login' and try again."
region=$(aws configure get region 2>/dev/null || true)
region=${AWS_REGION:-${AWS_DEFAULT_REGION:-$region}}
[ -n "$region" ] || die "no AWS region: set AWS_REGION or run 'aws configure set region <region>'."

output() {
  aws cloudformation describe-stacks --region "$region" --stack-name "$stack" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text 2>/dev/null || true
}

deploy() {
  # AUTO_EXPAND: the template uses the AWS::LanguageExtensions transform as well as SAM's.
  sam deploy --region "$region" --stack-name "$stack" --resolve-s3 --capabilities CAPABILITY_IAM CAPABILITY_AUTO_EXPAND \
    --no-confirm-changeset --no-fail-on-empty-changeset \
    --parameter-overrides "AllowedOrigin=$1" "AuthMode=${AUTH_MODE:-cognito}" ${ALARM_EMAIL:+"AlarmEmail=$ALARM_EMAIL"} \
    ${API_RESERVED_CONCURRENCY:+"ApiReservedConcurrency=$API_RESERVED_CONCURRENCY"} \
    ${PROJECTOR_RESERVED_CONCURRENCY:+"ProjectorReservedConcurrency=$PROJECTOR_RESERVED_CONCURRENCY"} \
    ${TABLE_MAX_READ_UNITS:+"TableMaxReadUnits=$TABLE_MAX_READ_UNITS"} ${TABLE_MAX_WRITE_UNITS:+"TableMaxWriteUnits=$TABLE_MAX_WRITE_UNITS"} \
    ${USER_REQUESTS_PER_MINUTE:+"UserRequestsPerMinute=$USER_REQUESTS_PER_MINUTE"} \
    ${ANONYMOUS_REQUESTS_PER_MINUTE:+"AnonymousRequestsPerMinute=$ANONYMOUS_REQUESTS_PER_MINUTE"}
}

say "Building the functions (Native AOT, sam build)"
sam build --build-in-source --template template.yaml
for bootstrap in .aws-sam/build/*/bootstrap; do
  check_glibc "$bootstrap" >/dev/null
done

# The app calls the API on its own origin, through CloudFront; CORS only matters for other origins,
# which by default is the distribution's own URL once it exists.
origin=${ALLOWED_ORIGIN:-$(output WebUrl)}
say "Deploying stack $stack to $region"
deploy "${origin:-https://localhost}"
url=$(output WebUrl)
if [ -z "${ALLOWED_ORIGIN:-}" ] && [ "$origin" != "$url" ]; then
  say "Setting the API's allowed origin to $url"
  deploy "$url"
fi

say "Building the web app"
npm_install web
(cd web && npm run --silent build >/dev/null)
# The app reads where users sign in and where its live channel is from config.json, as the local host serves it;
# no pool, no sign-in.
pool=$(output UserPoolId)
live=$(output LiveUrl)
if [ -n "$live" ] && [ "$live" != None ]; then live="\"$live\""; else live=null; fi
if [ -n "$pool" ] && [ "$pool" != None ]; then
  printf '{"auth":{"endpoint":"https://cognito-idp.%s.amazonaws.com/","userPoolId":"%s","clientId":"%s"},"live":%s}\n' \
    "$region" "$pool" "$(output UserPoolClientId)" "$live" >web/dist/config.json
else
  printf '{"auth":null,"live":%s}\n' "$live" >web/dist/config.json
fi
bucket=$(output WebBucketName)
say "Uploading web/dist to s3://$bucket"
# Vite fingerprints the assets, so they can be cached for good; index.html must be fetched every time.
aws s3 sync web/dist "s3://$bucket" --region "$region" --delete --exclude index.html --exclude config.json --cache-control "public,max-age=31536000,immutable"
aws s3 cp web/dist/index.html "s3://$bucket/index.html" --region "$region" --cache-control "no-cache"
aws s3 cp web/dist/config.json "s3://$bucket/config.json" --region "$region" --cache-control "no-cache"
aws cloudfront create-invalidation --distribution-id "$(output DistributionId)" --paths "/*" >/dev/null

say "Deployed"
echo "  App  $url"
echo "  API  $(output ApiUrl)/api/todos"
echo "  Live $(output LiveUrl)"
echo "A new distribution takes a few minutes to reach every edge location."
