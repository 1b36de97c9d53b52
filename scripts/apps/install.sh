#!/usr/bin/env bash
# Installs the real open-source helpdesk and webmail that tests/e2e/apps.spec.ts drives, from Debian 12 packages:
#   Request Tracker 5 (request-tracker5, its standalone server, SQLite) and Roundcube 1.6 (SQLite) with Dovecot IMAP.
# Idempotent and non-interactive: installs only what is missing, starts no service (scripts/apps/start.sh runs
# everything on 127.0.0.1 as plain processes), and says what it did. Without apt it explains and exits 0, so the
# spec skips (and names this script) instead of failing.
set -uo pipefail

SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-query >/dev/null 2>&1; then
  echo "scripts/apps/install.sh: apt-get is not available here; not installing RT and Roundcube (their end-to-end tests will be skipped)"
  exit 0
fi

# php8.2-cgi satisfies php8.2's "apache2 module | fpm | cgi" dependency without Apache (Roundcube runs under `php -S`);
# msmtp-mta satisfies RT's mail-transport-agent without a daemon (RT is told to write mail to files instead).
packages=(
  request-tracker5 rt5-standalone rt5-db-sqlite rt5-clients msmtp-mta
  roundcube-core roundcube-sqlite3 php8.2-cli php8.2-cgi php8.2-sqlite3
  dovecot-imapd
)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "scripts/apps/install.sh: RT, Roundcube and Dovecot are already installed; nothing to do"
  exit 0
fi

start=$(date +%s)
echo "scripts/apps/install.sh: installing ${missing[*]}"
# Answers for the packages' debconf questions: SQLite databases made by dbconfig-common, no web-server
# configuration, RT's site name. start.sh makes its own databases in a temporary folder, so these only need to be quiet.
$SUDO debconf-set-selections <<'SEL'
request-tracker5 request-tracker5/rtname string rapport.test
request-tracker5 request-tracker5/organization string rapport.test
request-tracker5 request-tracker5/correspondaddress string support@rapport.test
request-tracker5 request-tracker5/commentaddress string support-comment@rapport.test
request-tracker5 request-tracker5/webbaseurl string http://127.0.0.1
request-tracker5 request-tracker5/webpath string /rt
request-tracker5 request-tracker5/handle-siteconfig-permissions boolean true
request-tracker5 request-tracker5/install-cronjobs boolean false
request-tracker5 request-tracker5/dbconfig-install boolean false
request-tracker5 request-tracker5/dbconfig-upgrade boolean false
roundcube-core roundcube/dbconfig-install boolean false
roundcube-core roundcube/reconfigure-webserver multiselect
roundcube-core roundcube/restart-webserver boolean false
msmtp msmtp/apparmor boolean false
SEL

export DEBIAN_FRONTEND=noninteractive
# Services must not start inside the installer (containers have no init; CI wants no daemons on public ports).
policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null && $SUDO chmod +x "$policy" && made_policy=1
fi
ok=1
$SUDO apt-get update -qq || ok=0
if [ "$ok" -eq 1 ]; then
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || ok=0
fi
[ "$made_policy" -eq 1 ] && $SUDO rm -f "$policy"
# Debian's packages start Dovecot on 0.0.0.0 when an init system exists; start.sh runs its own on loopback.
if command -v service >/dev/null 2>&1; then $SUDO service dovecot stop >/dev/null 2>&1 || true; fi

if [ "$ok" -ne 1 ]; then
  echo "scripts/apps/install.sh: apt-get could not install ${missing[*]} (their end-to-end tests will be skipped)"
  exit 0
fi
echo "scripts/apps/install.sh: installed in $(( $(date +%s) - start )) s"
