# Included by each function project's Makefile. `sam build --build-in-source` (BuildMethod: makefile)
# runs `make build-<LogicalId>` in the project's folder with ARTIFACTS_DIR set; this publishes the
# project as a Native AOT executable named bootstrap, what provided.al2023 runs on x86_64. It needs the
# .NET 10 SDK and a C toolchain (clang or gcc) on a glibc no newer than Amazon Linux 2023's 2.34, or
# on any glibc as long as scripts/publish-check.sh finds no newer symbol version in the binary.
PUBLISH_DIR ?= $(CURDIR)/bin/aot-publish
# The AOT publish restores a graph of its own (linux-x64, the ILCompiler package), pinned by each project's
# packages.aot.lock.json beside the packages.lock.json of the ordinary build.
# Extra `dotnet publish` arguments, such as the publish check's own --artifacts-path.
PUBLISH_ARGS ?=

.PHONY: bootstrap
bootstrap:
	dotnet publish -c Release -r linux-x64 -p:PublishAot=true -p:NuGetLockFilePath=packages.aot.lock.json --nologo -o "$(PUBLISH_DIR)" $(PUBLISH_ARGS)
	mkdir -p "$(ARTIFACTS_DIR)"
	cp "$(PUBLISH_DIR)/bootstrap" "$(ARTIFACTS_DIR)/bootstrap"
