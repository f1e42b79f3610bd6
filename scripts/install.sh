#!/usr/bin/env bash
# Installs the CRM on Debian/Ubuntu from an unpacked build: the repository after `npm run build`,
# or an offline bundle with the same layout (dist/, node_modules/, package.json, deploy/).
# Run it as root; see --help.
set -euo pipefail

MIN_NODE_MAJOR=20
MIN_NODE_MINOR=19

usage() {
  cat <<'EOF'
Usage: install.sh [--root DIR] [--source DIR] [--help]

Installs the CRM as the systemd service `crm`:
  /opt/crm                       the application (dist/, node_modules/, package.json)
  /etc/crm/crm.env               settings, with freshly generated secrets (kept if it exists)
  /var/lib/crm                   data folder (crm:crm, 0750)
  /etc/systemd/system/crm.service

Options:
  --root DIR     install below DIR instead of / (for tests and image building); does not
                 create users, change owners or call systemctl, and says what it would do
  --source DIR   the unpacked build to install (default: the folder of this script, or its
                 parent when the script sits in scripts/)
  --help         show this help

Requires Node.js 20.19 or newer on the PATH.
EOF
}

die_usage() {
  echo "install.sh: $1" >&2
  echo "Try 'install.sh --help'." >&2
  exit 2
}

die() {
  echo "install.sh: $1" >&2
  exit 1
}

ROOT=""
SOURCE=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --root)
      [[ $# -ge 2 && -n "$2" ]] || die_usage "--root needs a directory"
      ROOT="$2"
      shift 2
      ;;
    --root=*)
      ROOT="${1#--root=}"
      [[ -n "$ROOT" ]] || die_usage "--root needs a directory"
      shift
      ;;
    --source)
      [[ $# -ge 2 && -n "$2" ]] || die_usage "--source needs a directory"
      SOURCE="$2"
      shift 2
      ;;
    --source=*)
      SOURCE="${1#--source=}"
      [[ -n "$SOURCE" ]] || die_usage "--source needs a directory"
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      die_usage "unknown argument '$1'"
      ;;
  esac
done

if [[ -n "$ROOT" ]]; then
  [[ -d "$ROOT" ]] || die_usage "--root $ROOT is not a directory"
  ROOT="$(cd "$ROOT" && pwd)"
  [[ "$ROOT" != "/" ]] || ROOT=""
fi
# With --root nothing outside ROOT is touched, so no root privileges are needed.
DRY_SYSTEM=$([[ -n "$ROOT" ]] && echo 1 || echo 0)

if [[ -z "$SOURCE" ]]; then
  here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
  if [[ -d "$here/dist" ]]; then
    SOURCE="$here"
  else
    SOURCE="$(dirname "$here")"
  fi
fi
[[ -d "$SOURCE" ]] || die "source folder $SOURCE does not exist"
SOURCE="$(cd "$SOURCE" && pwd)"
for needed in dist/server/server/src/main.js dist/client/browser/index.html node_modules package.json deploy/systemd/crm.service; do
  [[ -e "$SOURCE/$needed" ]] || die "$SOURCE/$needed is missing: run 'npm install && npm run build' first, or unpack the complete bundle"
done

if [[ "$DRY_SYSTEM" == 0 && "$(id -u)" != 0 ]]; then
  die "run it as root (sudo $0), or with --root DIR to install below a folder"
fi

# --- Node.js ---
NODE_BIN="$(command -v node || true)"
[[ -n "$NODE_BIN" ]] || die "Node.js is not installed; install Node.js ${MIN_NODE_MAJOR}.${MIN_NODE_MINOR} or newer (e.g. from NodeSource or the distribution's nodejs package)"
node_version="$("$NODE_BIN" -p 'process.versions.node')"
IFS=. read -r node_major node_minor _ <<<"$node_version"
if ((node_major < MIN_NODE_MAJOR || (node_major == MIN_NODE_MAJOR && node_minor < MIN_NODE_MINOR))); then
  die "Node.js $node_version at $NODE_BIN is too old; ${MIN_NODE_MAJOR}.${MIN_NODE_MINOR} or newer is needed"
fi
echo "Node.js $node_version at $NODE_BIN"

run() {
  # Commands that change the system outside ROOT: shown, not run, with --root.
  if [[ "$DRY_SYSTEM" == 1 ]]; then
    echo "would run: $*"
  else
    "$@"
  fi
}

APP_DIR="$ROOT/opt/crm"
ETC_DIR="$ROOT/etc/crm"
ENV_FILE="$ETC_DIR/crm.env"
DATA_DIR="$ROOT/var/lib/crm"
UNIT_FILE="$ROOT/etc/systemd/system/crm.service"

# --- user and group ---
if getent group crm >/dev/null 2>&1; then
  echo "group crm exists"
else
  run groupadd --system crm
fi
if getent passwd crm >/dev/null 2>&1; then
  echo "user crm exists"
else
  run useradd --system --gid crm --home /var/lib/crm --shell /usr/sbin/nologin crm
fi

# --- application: staged beside the old one, then swapped, so a failed copy leaves it intact ---
mkdir -p "$ROOT/opt"
staging="$ROOT/opt/.crm-new-$$"
rm -rf "$staging"
mkdir -p "$staging"
trap 'rm -rf "$staging"' EXIT
# "dir/." follows a symlinked dir (a repo whose node_modules is a link) but keeps inner links.
for part in dist node_modules deploy; do
  mkdir -p "$staging/$part"
  cp -a "$SOURCE/$part/." "$staging/$part/"
done
cp -a "$SOURCE/package.json" "$staging/"
[[ ! -f "$SOURCE/package-lock.json" ]] || cp -a "$SOURCE/package-lock.json" "$staging/"
if [[ -d "$APP_DIR" ]]; then
  rm -rf "$APP_DIR.old"
  mv "$APP_DIR" "$APP_DIR.old"
fi
mv "$staging" "$APP_DIR"
rm -rf "$APP_DIR.old"
trap - EXIT
# Owned by root and read-only for everyone else, so the running CRM cannot modify its own code.
chmod -R u=rwX,go=rX "$APP_DIR"
run chown -R root:root /opt/crm
echo "installed the application to $APP_DIR"

# --- settings: generated once, never overwritten (it holds the keys the data depends on) ---
mkdir -p "$ETC_DIR"
chmod 0750 "$ETC_DIR"
if [[ -e "$ENV_FILE" ]]; then
  echo "kept the existing $ENV_FILE"
else
  hex64() { od -An -N32 -tx1 /dev/urandom | tr -d ' \n'; }
  (
    umask 077
    cat >"$ENV_FILE" <<EOF
# CRM settings, read by crm.service. Every variable is in the configuration table of the README.
# Generated by install.sh on $(date -u +%Y-%m-%d). Back up CRM_AUDIT_KEY: without it the audit
# chain cannot be verified. Restart after changes: systemctl restart crm
CRM_JWT_SECRET=$(hex64)
CRM_AUDIT_KEY=$(hex64)
CRM_DATA_DIR=/var/lib/crm
PORT=3000
# Behind nginx on this host use 127.0.0.1, and set CRM_TRUSTED_PROXIES=127.0.0.1.
HOST=0.0.0.0
# External PostgreSQL 15+; without it an embedded PostgreSQL runs in /var/lib/crm/pg.
#DATABASE_URL=postgres://crm:password@127.0.0.1:5432/crm
#CRM_PUBLIC_URL=https://crm.example.com
#CRM_TRUSTED_PROXIES=127.0.0.1
#CRM_COMPANY_NAME=CRM
#SMTP_URL=smtp://user:pass@mail.example.com:587
#LOG_LEVEL=info
EOF
  )
  chmod 0640 "$ENV_FILE"
  # The service reads it as group crm; only root may change it.
  run chown root:crm /etc/crm/crm.env
  echo "created $ENV_FILE with new secrets"
fi
run chown root:crm /etc/crm

# --- data folder ---
mkdir -p "$DATA_DIR/attachments"
chmod 0750 "$DATA_DIR" "$DATA_DIR/attachments"
run chown crm:crm /var/lib/crm /var/lib/crm/attachments

# --- systemd unit; ExecStart follows the node found above when it is not /usr/bin/node ---
mkdir -p "$(dirname "$UNIT_FILE")"
sed "s|^ExecStart=/usr/bin/node |ExecStart=$NODE_BIN |" "$SOURCE/deploy/systemd/crm.service" >"$UNIT_FILE"
chmod 0644 "$UNIT_FILE"
echo "installed $UNIT_FILE"
case "$NODE_BIN" in
  /home/* | /root/*)
    echo "warning: $NODE_BIN is under a home folder, which the unit hides (ProtectHome=yes); install Node.js system-wide" >&2
    ;;
esac

cat <<EOF

Done. Next:
  1. Review ${ROOT}/etc/crm/crm.env (DATABASE_URL, CRM_PUBLIC_URL, ...).
  2. systemctl daemon-reload && systemctl enable --now crm
  3. journalctl -u crm    shows the administrator's one-time password after the first start.
  The CRM listens on port 3000; put nginx in front for HTTPS (deploy/nginx/crm.conf).
EOF
