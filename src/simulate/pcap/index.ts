export { toPcap } from './pcap.js';
