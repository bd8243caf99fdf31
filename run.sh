#!/usr/bin/env bash
# Runs the whole app locally at http://127.0.0.1:3000 (PORT overrides), from template.yaml.
# Todos and users persist in .local/data; pass --in-memory to keep nothing, --no-auth for the open API
# (no sign-in, one shared list).
cd "$(dirname "$0")"
source scripts/setup.sh
prepare_app
say "Building the local host"
dotnet build platform/Todo.Local -c Release -nologo -v quiet -clp:ErrorsOnly
exec dotnet platform/Todo.Local/bin/Release/net10.0/Todo.Local.dll "$@"
