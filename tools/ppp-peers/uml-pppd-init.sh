#!/bin/sh
# PID 1 inside User-Mode Linux (see ../shared/PEERS.md section 2): mounts, loads the PPP modules
# with finit_module (no kmod on the host), then runs real pppd on the UML serial line /dev/ttyS0
# (the host pty the test drives) and halts when pppd exits. Kernel parameters k=v arrive as
# environment:
#   PPPD_ROLE   server (default: the ISP) | client (dials nothing, just negotiates as the caller)
#   PPPD_USER, PPPD_SECRET  one pap-secrets and chap-secrets entry "USER * SECRET *"; as client
#               also the name pppd authenticates with (user USER)
#   server only: PPPD_AUTH (noauth | require-pap | require-chap), PPPD_ADDRS (local:remote),
#               PPPD_DNS1 (and PPPD_DNS2 when set) handed out with ms-dns
#   PPPD_EXTRA  more pppd options (one word per kernel parameter is all the command line allows)
#   PPPD_ECHO_PORT  when set, TCP and UDP echo servers (socat) listen on that port inside UML, so
#               the caller's TCP/UDP reach the UML kernel's own stack through pppd
# As client pppd asks for an address and the DNS servers (noipdefault usepeerdns) and logs what it
# got ("local  IP address", "remote IP address", "primary   DNS address", "secondary DNS address").
PATH=/usr/sbin:/usr/bin:/sbin:/bin
export PATH
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /etc/ppp
mount -t tmpfs tmpfs /var/log
mount -t tmpfs tmpfs /tmp
python3 - <<'PY'
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
base = "/usr/lib/uml/modules/" + os.uname().release + "/kernel/"
for rel in ["lib/crc-ccitt.ko", "drivers/net/slip/slhc.ko", "drivers/net/ppp/ppp_generic.ko", "drivers/net/ppp/ppp_async.ko"]:
    fd = os.open(base + rel, os.O_RDONLY)
    r = libc.syscall(313, fd, b"", 0)
    os.close(fd)
    if r != 0 and ctypes.get_errno() != 17:
        print("init: finit_module %s failed: errno %d" % (rel, ctypes.get_errno()), flush=True)
PY
[ -e /dev/ppp ] || mknod /dev/ppp c 108 0
U=${PPPD_USER:-user}
S=${PPPD_SECRET:-secret}
echo "$U * $S *" > /etc/ppp/pap-secrets
echo "$U * $S *" > /etc/ppp/chap-secrets
chmod 600 /etc/ppp/pap-secrets /etc/ppp/chap-secrets
if [ -n "$PPPD_ECHO_PORT" ]; then
  ip link set lo up 2>/dev/null
  socat "TCP4-LISTEN:$PPPD_ECHO_PORT,reuseaddr,fork" PIPE &
  socat "UDP4-RECVFROM:$PPPD_ECHO_PORT,reuseaddr,fork" PIPE &
  # pppd starts only once both listen: the caller connects right after IPCP opens.
  HEXPORT=$(printf '%04X' "$PPPD_ECHO_PORT")
  for i in $(seq 1 100); do
    grep -q ":$HEXPORT 00000000:0000 0A" /proc/net/tcp && grep -q ":$HEXPORT 00000000:0000 07" /proc/net/udp && break
    sleep 0.05
  done
  echo "init: TCP and UDP echo on port $PPPD_ECHO_PORT" 1>&2
fi
echo "init: starting pppd as ${PPPD_ROLE:-server}" 1>&2
if [ "${PPPD_ROLE:-server}" = client ]; then
  pppd /dev/ttyS0 115200 nodetach local nocrtscts noauth user "$U" noipdefault usepeerdns \
    debug logfd 2 nodefaultroute lcp-echo-interval 0 nopersist maxfail 1 $PPPD_EXTRA
else
  DNS2=
  [ -n "$PPPD_DNS2" ] && DNS2="ms-dns $PPPD_DNS2"
  pppd /dev/ttyS0 115200 nodetach local nocrtscts ${PPPD_AUTH:-noauth} ${PPPD_ADDRS:-10.64.0.1:10.64.0.2} \
    ms-dns ${PPPD_DNS1:-10.64.0.53} $DNS2 debug logfd 2 nodefaultroute lcp-echo-interval 0 nopersist maxfail 1 $PPPD_EXTRA
fi
echo "init: pppd exited $?" 1>&2
echo o > /proc/sysrq-trigger
sleep 5
