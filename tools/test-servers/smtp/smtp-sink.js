'use strict';
// SMTP sink for the integration tests (started by ../start.sh).
// Listens on EDSOFT_SMTP_HOST:EDSOFT_SMTP_PORT, requires AUTH (LOGIN or PLAIN, allowed without TLS) with
// EDSOFT_SMTP_USER / EDSOFT_SMTP_PASSWORD, and writes every accepted message to EDSOFT_SMTP_SPOOL:
//   NNNNNN.eml   the DATA bytes exactly as received, after dot-unstuffing, without the final ".\r\n"
//   NNNNNN.json  the envelope: {"id","user","mailFrom","rcptTo","size"}
// The 250 reply to DATA is "250 OK: queued as NNNNNN", and it is sent only after both files are in place,
// so a test that has read that reply can open the file at once.
const fs = require('fs');
const path = require('path');
const { SMTPServer } = require('smtp-server');

function need(name) {
    const value = process.env[name];
    if (!value) {
        console.error('smtp-sink: ' + name + ' is not set');
        process.exit(2);
    }
    return value;
}

const host = need('EDSOFT_SMTP_HOST');
const port = Number(need('EDSOFT_SMTP_PORT'));
const user = need('EDSOFT_SMTP_USER');
const password = need('EDSOFT_SMTP_PASSWORD');
const spool = need('EDSOFT_SMTP_SPOOL');
fs.mkdirSync(spool, { recursive: true });

let sequence = fs.readdirSync(spool)
    .map((f) => /^(\d+)\.eml$/.exec(f))
    .filter((m) => m)
    .reduce((max, m) => Math.max(max, Number(m[1])), 0);

function log(text) {
    console.log(new Date().toISOString() + ' ' + text);
}

const server = new SMTPServer({
    name: 'mail.edsoft.test',
    banner: 'EdSoftNano test SMTP',
    secure: false,
    disabledCommands: ['STARTTLS'],
    authMethods: ['LOGIN', 'PLAIN'],
    authOptional: false,
    allowInsecureAuth: true,
    disableReverseLookup: true,
    size: 10 * 1024 * 1024,
    rejectOversized: true,
    logger: false,
    onAuth(auth, session, callback) {
        if (auth.username === user && auth.password === password) {
            log('auth ok ' + auth.method + ' ' + auth.username);
            return callback(null, { user: auth.username });
        }
        log('auth failed ' + auth.method + ' ' + auth.username);
        const err = new Error('Invalid username or password');
        err.responseCode = 535;
        return callback(err);
    },
    onData(stream, session, callback) {
        const chunks = [];
        stream.on('data', (chunk) => chunks.push(chunk));
        stream.on('error', callback);
        stream.on('end', () => {
            if (stream.sizeExceeded) {
                return callback(null); // rejectOversized answers 552 itself
            }
            const data = Buffer.concat(chunks);
            sequence += 1;
            const id = String(sequence).padStart(6, '0');
            const envelope = {
                id,
                user: session.user,
                mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                rcptTo: session.envelope.rcptTo.map((r) => r.address),
                size: data.length,
            };
            try {
                fs.writeFileSync(path.join(spool, id + '.json'), JSON.stringify(envelope) + '\n');
                const tmp = path.join(spool, '.' + id + '.tmp');
                fs.writeFileSync(tmp, data);
                fs.renameSync(tmp, path.join(spool, id + '.eml'));
            } catch (e) {
                log('spool write failed: ' + e.message);
                const err = new Error('Spool write failed');
                err.responseCode = 451;
                return callback(err);
            }
            log('queued ' + id + ' ' + data.length + ' bytes from ' + envelope.mailFrom + ' to ' + envelope.rcptTo.join(','));
            return callback(null, 'OK: queued as ' + id);
        });
    },
});

server.on('error', (e) => log('error: ' + e.message));
server.listen(port, host, () => log('listening on ' + host + ':' + port));

function shutdown() {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
