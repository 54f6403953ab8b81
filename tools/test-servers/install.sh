#!/usr/bin/env bash
# Installs the integration tests' servers (run as root; idempotent, safe to run again):
# vsftpd, dovecot (POP3), dnsmasq, socat from Debian; the npm smtp-server library for the SMTP sink;
# the local user the FTP and POP3 servers log in as, and its PAM service.
# Nothing is started here and no system service is enabled: start.sh runs every server itself.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/settings.sh"

[ "$(id -u)" = 0 ] || { echo "install.sh: run as root (sudo $0)" >&2; exit 1; }

packages=(vsftpd dovecot-pop3d dnsmasq-base socat ppp user-mode-linux slirp tshark iproute2 iputils-ping)   # ppp, user-mode-linux, slirp: real PPP peers; tshark: frame oracle; iproute2: TUN namespaces (Ppp and Ip tests); iputils-ping: the kernel pings our stack
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
done
# The machine's Node.js (20 or later, as smtp-server 3.21 wants); Debian's own is older, a last resort.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ ${#missing[@]} -gt 0 ]; then
  echo "install.sh: apt-get install ${missing[*]}"
  # Package scripts must not start vsftpd or dovecot as system services on ports 21/110.
  policy=/usr/sbin/policy-rc.d
  made_policy=
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod 755 "$policy" && made_policy=1
  fi
  trap '[ -z "$made_policy" ] || rm -f "$policy"' EXIT
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The SMTP sink's library, at the versions package-lock.json pins.
want="$(sed -n 's/.*"smtp-server": *"\([^"]*\)".*/\1/p' "$here/smtp/package.json")"
have="$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$here/smtp/node_modules/smtp-server/package.json" 2>/dev/null | head -1 || true)"
if [ "$want" != "$have" ]; then
  (cd "$here/smtp" && npm ci --no-audit --no-fund --loglevel=error)
fi

# The local account vsftpd authenticates (PAM, pam_unix) and dovecot delivers as; start.sh sets its home.
if ! id "$EDSOFT_TEST_USER" >/dev/null 2>&1; then
  useradd --no-create-home --home-dir "$EDSOFT_SERVERS_DIR/ftp" --shell /usr/sbin/nologin --user-group "$EDSOFT_TEST_USER"
fi
echo "$EDSOFT_TEST_USER:$EDSOFT_TEST_PASSWORD" | chpasswd
install -m 644 "$here/conf/pam-edsoft-ftp" /etc/pam.d/edsoft-ftp

echo "install.sh: test servers installed"
