# Sourced by deploy.sh and the publish and benchmark scripts: what building and checking a Native AOT bootstrap needs.

# The toolchain dotnet publish -p:PublishAot=true uses on Linux: a C compiler and linker, and objdump to check the result.
require_aot_tools() {
  command -v dotnet >/dev/null || die "the .NET 10 SDK is missing: install it from https://dot.net and run again."
  command -v make >/dev/null || apt_install make
  command -v clang >/dev/null || command -v gcc >/dev/null || apt_install clang
  command -v objdump >/dev/null || apt_install binutils
}

# Amazon Linux 2023, which provided.al2023 runs on, has glibc 2.34: a binary needing a newer symbol version fails to start there.
check_glibc() {
  local binary=$1 newest
  newest=$(objdump -T "$binary" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -1)
  [ -n "$newest" ] || die "$binary: objdump -T shows no glibc symbol versions; is it a dynamically linked ELF?"
  [ "$(printf '%s\n2.34\n' "$newest" | sort -V | tail -1)" = 2.34 ] ||
    die "$binary needs glibc $newest, newer than Amazon Linux 2023's 2.34: build on a system with glibc 2.34 or older."
  echo "$newest"
}
