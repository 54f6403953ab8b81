# Ports, credentials and folders of the integration tests' servers; sourced by install.sh, start.sh, stop.sh.
# Each value can be overridden from the environment. Ports are fixed, unprivileged and away from the
# services' defaults (21, 110, 25, 53, 7), so nothing collides with a system service.
: "${EDSOFT_SERVERS_DIR:=/tmp/edsoft-servers}"
: "${EDSOFT_SERVERS_HOST:=127.0.0.1}"
: "${EDSOFT_TEST_USER:=edsoft}"
: "${EDSOFT_TEST_PASSWORD:=edsoft-pw}"
: "${EDSOFT_GETMAIL_USER:=getmail}"
: "${EDSOFT_GETMAIL_PASSWORD:=getmail-pw}"
: "${EDSOFT_FTP_PORT:=2121}"
: "${EDSOFT_FTP_PASV_MIN:=21100}"
: "${EDSOFT_FTP_PASV_MAX:=21109}"
: "${EDSOFT_POP3_PORT:=1110}"
: "${EDSOFT_SMTP_PORT:=2525}"
: "${EDSOFT_DNS_PORT:=5053}"
: "${EDSOFT_TCP_ECHO_PORT:=7007}"
: "${EDSOFT_UDP_ECHO_PORT:=7008}"
