#!/usr/bin/env bash
# Starts Request Tracker 5, Roundcube 1.6 and Dovecot (all Debian packages, see install.sh) on 127.0.0.1 only, each
# with a fresh database and mail store under $RAPPORT_APPS_DIR, seeded with our German and English support threads.
# Prints `KEY=value` lines (the URLs and logins) that tests/e2e/apps.spec.ts reads; stop with scripts/apps/stop.sh.
# Exits 3 (and says to run install.sh) when the apps are not installed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dir="${RAPPORT_APPS_DIR:-/tmp/rapport-apps}"
rt_port="${RAPPORT_RT_PORT:-8461}"
rc_port="${RAPPORT_ROUNDCUBE_PORT:-8462}"
imap_port="${RAPPORT_IMAP_PORT:-8463}"
rt_lib=/usr/share/request-tracker5/lib

if [ ! -x /usr/share/request-tracker5/libexec/rt-server ] || [ ! -d /usr/share/roundcube ] || [ ! -x /usr/sbin/dovecot ]; then
  echo "RT, Roundcube or Dovecot is not installed; run scripts/apps/install.sh" >&2
  exit 3
fi
if [ "$(id -u)" -ne 0 ]; then
  # Debian's RT keeps its Mason cache under /var/cache and Dovecot's privilege separation wants root.
  echo "scripts/apps/start.sh must run as root (RT's Mason cache in /var/cache, Dovecot's privilege separation)" >&2
  exit 3
fi

"$here/stop.sh" >/dev/null 2>&1 || true
rm -rf "$dir"
mkdir -p "$dir/rt/etc" "$dir/roundcube/config" "$dir/roundcube/temp" "$dir/roundcube/logs" "$dir/dovecot/run" "$dir/mail"
log() { echo "[apps] $*" >&2; }
started=$(date +%s)

wait_for() { # url, name, seconds
  for _ in $(seq 1 "$3"); do
    if curl -fsS -o /dev/null "$1" 2>/dev/null; then return 0; fi
    sleep 0.5
  done
  echo "$2 did not answer on $1; its log is under $dir" >&2
  exit 1
}

# --- Request Tracker ---------------------------------------------------------------------------------------------
# RT_SITE_CONFIG(_DIR) replace Debian's /etc/request-tracker5 configuration for these processes only.
cat >"$dir/rt/etc/RT_SiteConfig.pm" <<PERL
Set(\$rtname, 'rapport.test');
Set(\$Organization, 'rapport.test');
Set(\$CorrespondAddress, 'support\@rapport.test');
Set(\$CommentAddress, 'support-comment\@rapport.test');
Set(\$DatabaseType, 'SQLite');
Set(\$DatabaseName, '$dir/rt/rtdb');
Set(\$WebDomain, '127.0.0.1');
Set(\$WebPort, $rt_port);
Set(\$WebPath, '');
Set(\$WebBaseURL, 'http://127.0.0.1:$rt_port');
Set(\$Timezone, 'Europe/Berlin');
Set(\$LogToSyslog, undef);
Set(\$LogToSTDERR, 'warning');
# Outgoing mail goes to an mbox file under RT's var folder: the history still shows "Outgoing email recorded".
Set(\$MailCommand, 'mbox');
Set(\$RestrictReferrer, 0);
1;
PERL
export RT_SITE_CONFIG="$dir/rt/etc/RT_SiteConfig.pm" RT_SITE_CONFIG_DIR="$dir/rt/etc/empty.d"
mkdir -p "$RT_SITE_CONFIG_DIR"
log "RT: creating its SQLite database"
/usr/sbin/rt-setup-database --action init --skip-create --dba-password '' >"$dir/rt/setup.log" 2>&1 ||
  /usr/sbin/rt-setup-database --action init --dba-password '' >"$dir/rt/setup.log" 2>&1 ||
  { cat "$dir/rt/setup.log" >&2; exit 1; }
log "RT: seeding tickets"
perl -I"$rt_lib" "$here/seed-rt.pl" >"$dir/rt/seed.env" 2>"$dir/rt/seed.log" || { cat "$dir/rt/seed.log" >&2; exit 1; }
log "RT: starting on 127.0.0.1:$rt_port"
setsid /usr/share/request-tracker5/libexec/rt-server --server Starlet --host 127.0.0.1 --port "$rt_port" \
  --max-workers 2 >"$dir/rt/server.log" 2>&1 </dev/null &
echo $! >"$dir/rt/server.pid"

# --- Dovecot (IMAP for Roundcube) --------------------------------------------------------------------------------
printf 'agent@rapport.test:{PLAIN}agent-secret::::::\n' >"$dir/dovecot/users"
cat >"$dir/dovecot/dovecot.conf" <<CONF
protocols = imap
listen = 127.0.0.1
base_dir = $dir/dovecot/run
state_dir = $dir/dovecot/state
instance_name = rapport-apps
log_path = $dir/dovecot/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# Dovecot never serves mail as root: the Maildir belongs to Debian's "mail" system user (uid 8).
first_valid_uid = 1
mail_location = maildir:$dir/mail/%u/Maildir
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/dovecot/users
}
userdb {
  driver = static
  args = uid=mail gid=mail home=$dir/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $imap_port
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
CONF
log "Dovecot: seeding the agent's Maildir"
maildir="$dir/mail/agent@rapport.test/Maildir"
mkdir -p "$maildir/cur" "$maildir/new" "$maildir/tmp"
n=0
for mail in "$here"/mail/*.eml; do
  n=$((n + 1))
  # Unread ("new") mail, file time = the Date header, which Dovecot takes as the arrival time.
  target="$maildir/new/$((1796000000 + n)).rapport$n.localhost"
  cp "$mail" "$target"
  touch -d "$(sed -n 's/^Date: //p' "$mail" | head -n 1)" "$target"
done
chown -R mail:mail "$dir/mail"
log "Dovecot: starting on 127.0.0.1:$imap_port"
/usr/sbin/dovecot -c "$dir/dovecot/dovecot.conf"

# --- Roundcube ---------------------------------------------------------------------------------------------------
ln -s /etc/roundcube/defaults.inc.php /etc/roundcube/mimetypes.php "$dir/roundcube/config/"
cat >"$dir/roundcube/config/config.inc.php" <<PHP
<?php
\$config = [];
\$config['db_dsnw'] = 'sqlite:///$dir/roundcube/roundcube.db?mode=0640';
\$config['imap_host'] = '127.0.0.1:$imap_port';
\$config['smtp_host'] = '';
\$config['temp_dir'] = '$dir/roundcube/temp/';
\$config['log_dir'] = '$dir/roundcube/logs/';
\$config['des_key'] = 'rapport-e2e-only-key-24b';
\$config['product_name'] = 'Roundcube Webmail';
\$config['skin'] = 'elastic';
\$config['plugins'] = [];
\$config['language'] = 'en_US';
\$config['enable_spellcheck'] = false;
\$config['htmleditor'] = 0;
\$config['draft_autosave'] = 0;
\$config['login_rate_limit'] = 0;
PHP
export ROUNDCUBE_CONFIG_DIR="$dir/roundcube/config"
log "Roundcube: creating its SQLite database"
php -r '$db = new PDO("sqlite:" . $argv[1]); $db->exec(file_get_contents("/usr/share/roundcube/SQL/sqlite.initial.sql"));' \
  "$dir/roundcube/roundcube.db"
log "Roundcube: starting on 127.0.0.1:$rc_port"
setsid php -S "127.0.0.1:$rc_port" -t /var/lib/roundcube/public_html >"$dir/roundcube/server.log" 2>&1 </dev/null &
echo $! >"$dir/roundcube/server.pid"

wait_for "http://127.0.0.1:$rc_port/" Roundcube 40
wait_for "http://127.0.0.1:$rt_port/" RT 120
log "all up in $(( $(date +%s) - started )) s"

echo "RT_URL=http://127.0.0.1:$rt_port"
echo "RT_USER=root"
echo "RT_PASSWORD=password"
cat "$dir/rt/seed.env"
echo "ROUNDCUBE_URL=http://127.0.0.1:$rc_port"
echo "ROUNDCUBE_USER=agent@rapport.test"
echo "ROUNDCUBE_PASSWORD=agent-secret"
