# Sourced by run.sh and test.sh: installs what the app needs and is missing, then builds the web app.
set -euo pipefail

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

apt_install() {
  command -v apt-get >/dev/null || die "$1 is missing and apt-get is not available to install it; install $1 and run again."
  [ "$(id -u)" = 0 ] && sudo="" || sudo="sudo"
  say "Installing $* (Debian packages)"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

require_dotnet() {
  command -v dotnet >/dev/null || die "the .NET 10 SDK is missing: install it from https://dot.net and run again."
}

require_npm() {
  command -v npm >/dev/null || apt_install npm
}

require_tools() {
  require_dotnet
  require_npm
  command -v javac >/dev/null || apt_install openjdk-17-jdk-headless # javac compiles the DynamoDB Local launcher once
  java -version 2>&1 | grep -qE 'version "(1[7-9]|[2-9][0-9])' || die "DynamoDB Local needs Java 17 or newer; $(java -version 2>&1 | head -1)."
}

# npm ci only when the lock file changed since the last install.
npm_install() {
  local dir=$1
  if ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.installed-lock.json" 2>/dev/null; then
    say "Installing npm packages in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$dir/node_modules/.installed-lock.json"
  fi
}

prepare_app() {
  require_tools
  npm_install tools/dynamodb-local
  npm_install tools/cognito-local # the user pool the API's Cognito authorizer checks tokens of
  npm_install web
  npm_install tools/api-docs # Swagger UI, served at /api/docs
  say "Building the web app"
  (cd web && npm run --silent build >/dev/null)
}
