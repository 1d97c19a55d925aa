// A POST over a raw socket, for what fetch cannot show: whether the server answers before the
// body has been sent, and whether it then closes the connection.
import net from "node:net";

export type RawAnswer = { status: number; head: string; body: string; sentBytes: number; closed: boolean };

/**
 * Sends a request over a raw socket: the headers, then `body` chunks one by one for as long as the
 * server has not answered (never more than `body` holds). Resolves once the server closes the
 * connection, with what it answered.
 */
export function rawPost(
  baseUrl: string,
  path: string,
  headers: Record<string, string | number>,
  body: Iterable<Buffer>,
): Promise<RawAnswer> {
  const { port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), "127.0.0.1");
    let received = "";
    let sentBytes = 0;
    let answered = false;
    const chunks = body[Symbol.iterator]();
    const finish = (closed: boolean) => {
      const [head, ...rest] = received.split("\r\n\r\n");
      resolve({ status: Number(head.split(" ")[1]), head, body: rest.join("\r\n\r\n"), sentBytes, closed });
    };
    const sendMore = () => {
      while (!answered) {
        const next = chunks.next();
        if (next.done) return;
        sentBytes += next.value.length;
        // Wait for the socket to drain before sending more, so an answer can arrive in between.
        if (!socket.write(next.value)) return socket.once("drain", sendMore);
      }
    };
    socket.on("data", (data) => {
      answered = true;
      received += data.toString("utf8");
    });
    socket.on("error", (error: NodeJS.ErrnoException) =>
      answered && error.code === "ECONNRESET" ? finish(true) : reject(error),
    );
    socket.on("close", () => finish(true));
    const head = Object.entries({ Host: `127.0.0.1:${port}`, ...headers }).map(([k, v]) => `${k}: ${v}`);
    socket.write(`POST ${path} HTTP/1.1\r\n${head.join("\r\n")}\r\n\r\n`, sendMore);
  });
}
