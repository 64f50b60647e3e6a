import { createSocket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { MAX_FRAME_BYTES } from '../syslog/framing.js';
import { type Deliver, type ListenAddress, type Receiver, formatListen, originOf } from './listen.js';

/** Kernel receive buffer asked for: bursts from a whole fleet arrive faster than one loop turn. */
const RECEIVE_BUFFER = 8 << 20;

/** Syslog over UDP: each datagram is one message (RFC 5426). */
export async function listenUdp(at: ListenAddress, deliver: Deliver): Promise<Receiver> {
  const socket = createSocket({ type: isIPv6(at.host) ? 'udp6' : 'udp4', reuseAddr: false });
  socket.on('message', (msg, rinfo) => {
    const cut = msg.length > MAX_FRAME_BYTES;
    deliver(originOf(rinfo.address), msg.toString('utf8', 0, Math.min(msg.length, MAX_FRAME_BYTES)), cut);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(at.port, at.host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  // A datagram that cannot be read is dropped; the socket stays.
  socket.on('error', () => undefined);
  try {
    socket.setRecvBufferSize(RECEIVE_BUFFER);
  } catch {
    // The system caps the buffer (net.core.rmem_max): the default still works, with more loss.
  }
  const port = socket.address().port;
  return {
    url: formatListen('udp', at.host, port),
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
