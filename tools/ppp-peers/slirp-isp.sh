#!/bin/sh
# A userspace PPP "ISP" on stdin/stdout: slirp-fullbolt (../../shared/PEERS.md section 1) for the
# virtual device's --ppp-peer, e.g.
#   --ppp-peer "tools/ppp-peers/slirp-isp.sh pap edsoft s3cret"
# Usage: slirp-isp.sh [none|pap|chap] [USER] [PASSWORD]
#   none (default) lets any caller in; pap/chap require USER/PASSWORD (kept in a private HOME's
#   .pap-secrets/.chap-secrets, removed at the end). slirp gives the caller 10.0.2.15, calls itself
#   10.0.2.2 and hands out SLIRP_DNS (default 127.0.0.1, which keeps its DNS forwarder on this machine).
# slirp needs one read/write fd 0, so socat's EXEC (a socketpair) sits between it and our pipes; each
# slirp option is one quoted word inside EXEC's command line.
SLIRP=${SLIRP:-/usr/bin/slirp-fullbolt}
SOCAT=${SOCAT:-/usr/bin/socat}
AUTH=${1:-none}
USER_NAME=$2
PASSWORD=$3
DNS=${SLIRP_DNS:-127.0.0.1}
for tool in "$SLIRP" "$SOCAT"; do
  [ -x "$tool" ] || { echo "slirp-isp: $tool is not installed (tools/test-servers/install.sh)" >&2; exit 2; }
done
case "$AUTH" in
  none) OPTS="" ;;
  pap|chap)
    [ -n "$USER_NAME" ] || { echo "slirp-isp: $AUTH needs USER and PASSWORD" >&2; exit 2; }
    OPTS="\"+$AUTH\"" ;;
  *) echo "usage: slirp-isp.sh [none|pap|chap] [USER] [PASSWORD]" >&2; exit 2 ;;
esac
HOME=$(mktemp -d "${TMPDIR:-/tmp}/slirp-isp.XXXXXX") || exit 2
export HOME
trap 'rm -rf "$HOME"' EXIT
trap 'exit 143' TERM INT HUP
if [ -n "$USER_NAME" ]; then
  echo "$USER_NAME * $PASSWORD" > "$HOME/.pap-secrets"
  echo "$USER_NAME * $PASSWORD" > "$HOME/.chap-secrets"
  chmod 600 "$HOME/.pap-secrets" "$HOME/.chap-secrets"
fi
"$SOCAT" - "EXEC:'$SLIRP ppp $OPTS \"dns $DNS\"'"
