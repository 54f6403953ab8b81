#!/usr/bin/env bash
# Starts the integration tests' servers on 127.0.0.1 (run as root, after install.sh), each from a config
# generated into the run dir ($EDSOFT_SERVERS_DIR, default /tmp/edsoft-servers), with fresh state: the FTP
# root, the POP3 mailboxes (edsoft: 2 known mails; getmail: empty, for tests that retrieve and delete, refilled
# by TestServers.RefillGetMailBox) and the SMTP spool are laid anew on every start.
# Waits until every server answers, then writes $EDSOFT_SERVERS_DIR/servers.env, which the tests read.
# Any servers of an earlier start are stopped first.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/settings.sh"
run="$EDSOFT_SERVERS_DIR"
host="$EDSOFT_SERVERS_HOST"
user="$EDSOFT_TEST_USER"

fail() { echo "start.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root (vsftpd checks local passwords, dovecot switches to the mail user)"
for tool in vsftpd dovecot dnsmasq socat node; do
  command -v "$tool" >/dev/null || fail "$tool is missing: run $here/install.sh first"
done
id "$user" >/dev/null 2>&1 || fail "user $user is missing: run $here/install.sh first"
[ -f /etc/pam.d/edsoft-ftp ] || fail "/etc/pam.d/edsoft-ftp is missing: run $here/install.sh first"
[ -f "$here/smtp/node_modules/smtp-server/package.json" ] || fail "smtp-server is missing: run $here/install.sh first"

"$here/stop.sh" >/dev/null

case "$run" in /|"") fail "EDSOFT_SERVERS_DIR must be a folder of its own";; esac
rm -rf "$run"
mkdir -p "$run"/{logs,pids,ftp-empty,ftp/upload,mail,smtp-spool,dovecot/run,dovecot/state}
chmod 755 "$run" "$run/ftp-empty"
uid="$(id -u "$user")"
gid="$(id -g "$user")"

render() { # template in conf/ → file in the run dir
  sed -e "s|@RUN@|$run|g" -e "s|@HOST@|$host|g" \
      -e "s|@FTP_PORT@|$EDSOFT_FTP_PORT|g" -e "s|@FTP_ROOT@|$run/ftp|g" \
      -e "s|@FTP_PASV_MIN@|$EDSOFT_FTP_PASV_MIN|g" -e "s|@FTP_PASV_MAX@|$EDSOFT_FTP_PASV_MAX|g" \
      -e "s|@POP3_PORT@|$EDSOFT_POP3_PORT|g" -e "s|@MAIL_UID@|$uid|g" -e "s|@MAIL_GID@|$gid|g" \
      -e "s|@DNS_PORT@|$EDSOFT_DNS_PORT|g" \
      "$here/conf/$1.in" > "$run/$1"
  chmod 644 "$run/$1"
}

# FTP root (the chroot; root's and read-only, as vsftpd wants): hello.txt, a 64 KiB binary file
# (byte i = i mod 251), and upload/, the test user's.
cp "$here/conf/ftp/hello.txt" "$run/ftp/hello.txt"
perl -e 'binmode STDOUT; print pack("C*", map { $_ % 251 } 0 .. 65535)' > "$run/ftp/blob.bin"
chown "$uid:$gid" "$run/ftp/upload"
chmod 755 "$run/ftp" "$run/ftp/upload"
chmod 644 "$run/ftp/hello.txt" "$run/ftp/blob.bin"
# vsftpd enters the user's home before local_root: point it at this run's FTP root.
[ "$(getent passwd "$user" | cut -d: -f6)" = "$run/ftp" ] || usermod --home "$run/ftp" "$user"
render vsftpd.conf

# POP3 mailbox: the mails of conf/pop3 in a maildir, in file-name (time) order, so 1.eml is message 1.
maildir="$run/mail/$user/Maildir"
mkdir -p "$maildir"/{cur,new,tmp}
n=0
for mail in "$here"/conf/pop3/*.eml; do
  n=$((n + 1))
  cp "$mail" "$maildir/new/$((1000000000 + n)).M${n}P1.edsoft"
done
# The second POP3 account's mailbox: empty; a test fills it right before it runs (#GETMAIL deletes what it
# reads). Same mail uid/gid as edsoft (dovecot's static userdb); a root test process writes into it and chowns.
getmail_user="$EDSOFT_GETMAIL_USER"
case "$getmail_user" in "$user"|""|*[!a-z0-9_-]*) fail "EDSOFT_GETMAIL_USER must be a plain name other than $user";; esac
getmail_maildir="$run/mail/$getmail_user/Maildir"
mkdir -p "$getmail_maildir"/{cur,new,tmp}
chown -R "$uid:$gid" "$run/mail"
chmod -R go-rwx "$run/mail"
printf '%s\n' "$user:$EDSOFT_TEST_PASSWORD" "$getmail_user:$EDSOFT_GETMAIL_PASSWORD" > "$run/dovecot/passwd"
chmod 644 "$run/dovecot/passwd"
render dovecot.conf

render dnsmasq.conf

launch() { # name command... : runs in a session of its own, so stop.sh can end it with its children
  local name="$1"; shift
  setsid "$@" > "$run/logs/$name.out" 2>&1 < /dev/null &
  echo "$! $name" > "$run/pids/$name.pid"
}

tcp_answers() { (exec 3<>"/dev/tcp/$host/$1") 2>/dev/null; }
udp_echoes() { [ "$(printf ping | socat -T1 - "UDP4:$host:$1" 2>/dev/null)" = ping ]; }

wait_for() { # name check port
  local name="$1" check="$2" port="$3" pid i
  pid="$(cut -d' ' -f1 "$run/pids/$name.pid")"
  for i in $(seq 1 100); do
    "$check" "$port" && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "start.sh: $name did not answer on $host:$port; its output:" >&2
  tail -n 20 "$run/logs/$name.out" "$run/logs/$name.log" 2>/dev/null >&2 || true
  "$here/stop.sh" >/dev/null || true
  exit 1
}

launch vsftpd vsftpd "$run/vsftpd.conf"
launch dovecot dovecot -F -c "$run/dovecot.conf"
launch dnsmasq dnsmasq -k -C "$run/dnsmasq.conf"
launch smtp env EDSOFT_SMTP_HOST="$host" EDSOFT_SMTP_PORT="$EDSOFT_SMTP_PORT" EDSOFT_SMTP_USER="$user" \
  EDSOFT_SMTP_PASSWORD="$EDSOFT_TEST_PASSWORD" EDSOFT_SMTP_SPOOL="$run/smtp-spool" node "$here/smtp/smtp-sink.js"
launch tcp-echo socat "TCP4-LISTEN:$EDSOFT_TCP_ECHO_PORT,bind=$host,reuseaddr,fork" PIPE
launch udp-echo socat "UDP4-RECVFROM:$EDSOFT_UDP_ECHO_PORT,bind=$host,reuseaddr,fork" PIPE

wait_for vsftpd tcp_answers "$EDSOFT_FTP_PORT"
wait_for dovecot tcp_answers "$EDSOFT_POP3_PORT"
wait_for dnsmasq tcp_answers "$EDSOFT_DNS_PORT"
wait_for smtp tcp_answers "$EDSOFT_SMTP_PORT"
wait_for tcp-echo tcp_answers "$EDSOFT_TCP_ECHO_PORT"
wait_for udp-echo udp_echoes "$EDSOFT_UDP_ECHO_PORT"

# Written last: its presence means every server answered.
cat > "$run/servers.env.tmp" <<ENV
# Written by tools/test-servers/start.sh; read by nf-tests/EdSoftNano.Core.Tests/Servers/TestServers.cs.
EDSOFT_SERVERS_HOST=$host
EDSOFT_SERVERS_DIR=$run
EDSOFT_FTP_PORT=$EDSOFT_FTP_PORT
EDSOFT_FTP_PASV_MIN=$EDSOFT_FTP_PASV_MIN
EDSOFT_FTP_PASV_MAX=$EDSOFT_FTP_PASV_MAX
EDSOFT_FTP_USER=$user
EDSOFT_FTP_PASSWORD=$EDSOFT_TEST_PASSWORD
EDSOFT_FTP_ROOT=$run/ftp
EDSOFT_FTP_UPLOAD_DIR=$run/ftp/upload
EDSOFT_POP3_PORT=$EDSOFT_POP3_PORT
EDSOFT_POP3_USER=$user
EDSOFT_POP3_PASSWORD=$EDSOFT_TEST_PASSWORD
EDSOFT_POP3_MAIL_COUNT=$n
EDSOFT_POP3_MAIL_DIR=$here/conf/pop3
EDSOFT_POP3_GETMAIL_PORT=$EDSOFT_POP3_PORT
EDSOFT_POP3_GETMAIL_USER=$getmail_user
EDSOFT_POP3_GETMAIL_PASSWORD=$EDSOFT_GETMAIL_PASSWORD
EDSOFT_POP3_GETMAIL_MAILDIR=$getmail_maildir
EDSOFT_POP3_GETMAIL_UID=$uid
EDSOFT_POP3_GETMAIL_GID=$gid
EDSOFT_SMTP_PORT=$EDSOFT_SMTP_PORT
EDSOFT_SMTP_USER=$user
EDSOFT_SMTP_PASSWORD=$EDSOFT_TEST_PASSWORD
EDSOFT_SMTP_SPOOL=$run/smtp-spool
EDSOFT_DNS_PORT=$EDSOFT_DNS_PORT
EDSOFT_DNS_NAMES=ftp.edsoft.test mail.edsoft.test pop3.edsoft.test smtp.edsoft.test echo.edsoft.test
EDSOFT_DNS_ADDRESS=$host
EDSOFT_DNS_NXNAME=nx.edsoft.test
EDSOFT_TCP_ECHO_PORT=$EDSOFT_TCP_ECHO_PORT
EDSOFT_UDP_ECHO_PORT=$EDSOFT_UDP_ECHO_PORT
ENV
mv "$run/servers.env.tmp" "$run/servers.env"
echo "start.sh: FTP $EDSOFT_FTP_PORT, POP3 $EDSOFT_POP3_PORT, SMTP $EDSOFT_SMTP_PORT, DNS $EDSOFT_DNS_PORT," \
  "TCP echo $EDSOFT_TCP_ECHO_PORT, UDP echo $EDSOFT_UDP_ECHO_PORT on $host; settings in $run/servers.env"
