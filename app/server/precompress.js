// The build's scripts and styles, gzipped once with Zopfli (about 3 % smaller than gzip -9 even at
// one iteration; the same format every browser reads) and served as they are. React and Remix alone are ~84 KB
// gzipped of a public page's 90 KB budget, so these bytes count. `npm run build` writes the .gz
// files (served by ./serve-precompressed.js); a build without them is compressed on the fly, as before.
//   node app/server/precompress.js [buildDir]      (its assets/ folder)
//   node app/server/precompress.js --assets DIR
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const COMPRESSIBLE = /\.(js|css|json|svg)$/;

/** Writes `<file>.gz` next to every compressible asset that lacks an up-to-date one. */
export async function precompressAssets(assetsDir) {
  // Loaded only here, and meant to run in its own process (the command below): the Emscripten
  // module installs process-wide uncaughtException/unhandledRejection handlers when loaded.
  const { gzipAsync } = await import("@gfx/zopfli");
  let written = 0;
  const walk = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
      const full = path.join(dir, d.name);
      return d.isDirectory() ? walk(full) : COMPRESSIBLE.test(d.name) ? [full] : [];
    });
  for (const file of walk(assetsDir)) {
    const stat = fs.statSync(file);
    const gz = `${file}.gz`;
    if (fs.existsSync(gz) && fs.statSync(gz).mtimeMs >= stat.mtimeMs) continue;
    // Small files too: compression() sends answers under 1 KB as they are, and a page loads dozens.
    const compressed = Buffer.from(await gzipAsync(fs.readFileSync(file), { numiterations: 1 }));
    if (compressed.length < stat.size) fs.writeFileSync(gz, compressed);
    written += 1;
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [flag, value] = process.argv.slice(2);
  const dir =
    flag === "--assets" ? path.resolve(value) : path.resolve(flag ?? process.env.XG_BUILD_DIR ?? "build", "assets");
  const n = await precompressAssets(dir);
  console.log(`precompressed ${n} assets in ${path.relative(process.cwd(), dir)}`);
}
