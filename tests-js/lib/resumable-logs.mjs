// A log subscription that survives reconnects without losing or repeating a log, using Trestle's
// eth_subscribe("logs", { ..., fromBlock }) (docs/adr/0231). It remembers the position (block number, log index) of
// the last log it handed out; after a reconnect it resubscribes from that block and skips what it already delivered.
import WebSocket from 'ws';

export class ResumableLogs {
  #url;
  #filter;
  #onLog;
  #socket = null;
  #lastBlock = -1;
  #lastIndex = -1;
  #nextId = 1;
  #subscription = null;

  /** `filter`: { address, topics }; `fromBlock`: where the first subscription starts (a number), or undefined for new logs. */
  constructor(url, filter, onLog, fromBlock) {
    this.#url = url;
    this.#filter = filter;
    this.#onLog = onLog;
    if (fromBlock !== undefined) {
      this.#lastBlock = fromBlock - 1;
      this.#lastIndex = Number.MAX_SAFE_INTEGER;
    }
  }

  get position() {
    return { block: this.#lastBlock, logIndex: this.#lastIndex };
  }

  /** Opens a connection and subscribes, resuming after the last delivered log when there was one. */
  async connect() {
    const socket = new WebSocket(this.#url);
    this.#socket = socket;
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const params = { ...this.#filter };
    if (this.#lastBlock >= 0) {
      params.fromBlock = '0x' + this.#lastBlock.toString(16);
    }
    const id = this.#nextId++;
    const answered = new Promise((resolve, reject) => {
      socket.on('message', (data) => {
        const message = JSON.parse(data.toString());
        if (message.id === id) {
          if (message.error) {
            reject(new Error(message.error.message));
          } else {
            this.#subscription = message.result;
            resolve(message.result);
          }
        } else if (message.method === 'eth_subscription' && message.params.subscription === this.#subscription) {
          this.#deliver(message.params.result);
        }
      });
    });
    socket.send(JSON.stringify({ jsonrpc: '2.0', id, method: 'eth_subscribe', params: ['logs', params] }));
    return answered;
  }

  #deliver(log) {
    const block = Number(BigInt(log.blockNumber));
    const index = Number(BigInt(log.logIndex));
    if (block < this.#lastBlock || (block === this.#lastBlock && index <= this.#lastIndex)) {
      return; // seen before the reconnect
    }
    this.#lastBlock = block;
    this.#lastIndex = index;
    this.#onLog(log);
  }

  /** Drops the connection abruptly, as a network failure would. */
  drop() {
    this.#socket?.terminate();
    this.#socket = null;
    this.#subscription = null;
  }

  close() {
    this.#socket?.close();
    this.#socket = null;
  }
}
