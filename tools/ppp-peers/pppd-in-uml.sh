#!/bin/sh
# Real pppd 2.4.9 as the ISP (PPP server) on stdin/stdout, for the virtual device's --ppp-peer:
#   --ppp-peer "tools/ppp-peers/pppd-in-uml.sh chap edsoft s3cret"
# The host kernel has no PPP, so pppd runs inside User-Mode Linux (../../shared/PEERS.md section 2)
# with uml-pppd-init.sh as PID 1: socat joins our stdin/stdout to a pty, UML's serial line ssl0
# (pppd's /dev/ttyS0) opens the other end. pppd's debug log and the UML console go to stderr.
# When stdin closes (the call is hung up) or pppd ends, everything started here is stopped.
# Usage: pppd-in-uml.sh [noauth|pap|chap] [USER] [SECRET]
#   noauth (default) lets any caller in; pap/chap require USER/SECRET of the caller.
# Environment: PPPD_ADDRS local:remote (default 10.64.0.1:10.64.0.2: pppd's own address, then the
#   caller's), PPPD_DNS1 (default 10.64.0.53), PPPD_DNS2 (default: none; pppd then Naks the
#   secondary to DNS1), PPPD_ECHO_PORT (default: none; when set, TCP and UDP echo servers inside
#   UML on that port, reached at pppd's address).
UML=${UML:-/usr/bin/linux.uml}
SOCAT=${SOCAT:-/usr/bin/socat}
HERE=$(cd "$(dirname "$0")" && pwd)
for tool in "$UML" "$SOCAT" /usr/sbin/pppd; do
  [ -x "$tool" ] || { echo "pppd-in-uml: $tool is not installed (tools/test-servers/install.sh)" >&2; exit 2; }
done
case "${1:-noauth}" in
  noauth) AUTH=noauth ;;
  pap) AUTH=require-pap ;;
  chap) AUTH=require-chap ;;
  *) echo "usage: pppd-in-uml.sh [noauth|pap|chap] [USER] [SECRET]" >&2; exit 2 ;;
esac
PARAMS="PPPD_ROLE=server PPPD_AUTH=$AUTH PPPD_USER=${2:-user} PPPD_SECRET=${3:-secret}"
PARAMS="$PARAMS PPPD_ADDRS=${PPPD_ADDRS:-10.64.0.1:10.64.0.2} PPPD_DNS1=${PPPD_DNS1:-10.64.0.53}"
[ -n "$PPPD_DNS2" ] && PARAMS="$PARAMS PPPD_DNS2=$PPPD_DNS2"
[ -n "$PPPD_ECHO_PORT" ] && PARAMS="$PARAMS PPPD_ECHO_PORT=$PPPD_ECHO_PORT"

DIR=$(mktemp -d "${TMPDIR:-/tmp}/pppd-in-uml.XXXXXX") || exit 2
SOCAT_PID=
UML_PID=
cleanup() {
  [ -n "$SOCAT_PID" ] && kill "$SOCAT_PID" 2>/dev/null
  if [ -n "$UML_PID" ] && kill -0 "$UML_PID" 2>/dev/null; then
    kill -TERM -- "-$UML_PID" 2>/dev/null
    for i in 1 2 3 4 5; do kill -0 "$UML_PID" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$UML_PID" 2>/dev/null
  fi
  rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 143' TERM INT HUP

# The data call: an asynchronous list gets /dev/null as stdin unless redirected, so hand socat
# our stdin and stdout explicitly, then let go of them here (the caller's EOF comes from socat).
exec 5<&0 6>&1
"$SOCAT" - "PTY,link=$DIR/line,raw,echo=0" <&5 >&6 5<&- 6>&- &
SOCAT_PID=$!
exec 0</dev/null 1>&2 5<&- 6>&-
i=0
while [ ! -e "$DIR/line" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
[ -e "$DIR/line" ] || { echo "pppd-in-uml: socat made no pty" >&2; exit 2; }

# UML in its own process group (setsid), so the cleanup reaches all of its host processes; its
# mconsole directory (uml_dir, else ~/.uml/<id>) goes with the temporary one.
setsid "$UML" root=/dev/root rootfstype=hostfs rootflags=/ ro init="$HERE/uml-pppd-init.sh" mem=128M uml_dir="$DIR" \
  con=null con0=fd:0,fd:1 ssl0=fd:3 $PARAMS 3<>"$DIR/line" </dev/null &
UML_PID=$!
while kill -0 "$SOCAT_PID" 2>/dev/null && kill -0 "$UML_PID" 2>/dev/null; do sleep 0.2; done
