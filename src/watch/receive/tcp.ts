import { type Socket, createServer } from 'node:net';
import { SyslogFramer } from '../syslog/framing.js';
import { type Deliver, type ListenAddress, type Receiver, formatListen, originOf } from './listen.js';

/** Connections held at once; more are refused (one device or relay needs one). */
const MAX_CONNECTIONS = 2048;
/** A connection silent this long is closed: a stalled client must not hold a slot for ever. */
const IDLE_MS = 10 * 60_000;

/** Syslog over TCP (RFC 6587): newline or octet-counting framing, decided frame by frame. */
export async function listenTcp(at: ListenAddress, deliver: Deliver): Promise<Receiver> {
  const sockets = new Set<Socket>();
  const server = createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    const origin = originOf(socket.remoteAddress);
    const framer = new SyslogFramer((frame, cut) => deliver(origin, frame, cut));
    socket.setTimeout(IDLE_MS, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => framer.push(chunk));
    socket.on('end', () => {
      framer.end();
      socket.end();
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  server.maxConnections = MAX_CONNECTIONS;
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(at.port, at.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : at.port;
  return {
    url: formatListen('tcp', at.host, port),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Clients that are still sending get their pending bytes read first, then the close.
        for (const s of sockets) s.end();
        setTimeout(() => {
          for (const s of sockets) s.destroy();
        }, 500).unref();
      }),
  };
}
