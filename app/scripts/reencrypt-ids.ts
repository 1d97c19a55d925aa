// `npm run keys:reencrypt`: after adding a new XG_DATA_KEY (the old one moved to XG_DATA_KEYS_OLD),
// re-encrypts every ID number under the new key and recomputes every hash; then the old key can be
// removed. See README "Personal data".
import { encryptPlainIdNumbers } from "../domain/privacy/id-numbers.server";
import { prisma } from "../utils/db.server";

const changed = await encryptPlainIdNumbers({ rehashAll: true });
console.log(`Re-encrypted ${changed} ID numbers under the current key.`);
await prisma.$disconnect();
