// Issue #11 item 6: under blind review a judge downloads attachments without the metadata that
// names their author. Identity is planted in every metadata field of a PDF (Info + XMP, also on a
// page and in an annotation), a PNG (tEXt, iTXt, zTXt, eXIf) and a JPEG (EXIF, XMP, COM), and
// none of it may be found in the bytes a judge downloads — in any encoding it could be stored in.
import { crc32, deflateSync, inflateSync } from "node:zlib";
import { PDFDocument, PDFHexString, PDFName, PDFString, type PDFDict } from "pdf-lib";
import sharp from "sharp";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createUser } from "~/seed/factories.server";
import { prisma } from "~/utils/db.server";
import { storeFiles } from "~/utils/upload.server";
import { getPage, sessionCookieFor, startServer, type TestServer } from "../helpers/server";
import { makeContest, orgTree, submittedEntry } from "./fixture";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

const ID = {
  name: "欧阳秘密",
  latinName: "Ouyang Mimi",
  phone: "13912345678",
  email: "ouyang.mimi@secret.example",
  employer: "甲能源股份有限公司",
  latinEmployer: "Jia Energy Holdings",
};
const SECRETS = Object.values(ID);
const IDENTITY = `${ID.name} ${ID.latinName} ${ID.phone} ${ID.email} ${ID.employer} ${ID.latinEmployer}`;

/** Every byte form a text field could take: UTF-8, UTF-16 (both orders), and hex of UTF-8/UTF-16BE. */
function byteForms(secret: string): Buffer[] {
  const utf16be = Buffer.from(secret, "utf16le").swap16();
  const hex = (b: Buffer) => [b.toString("hex"), b.toString("hex").toUpperCase()].map((h) => Buffer.from(h));
  return [
    Buffer.from(secret, "utf8"),
    Buffer.from(secret, "utf16le"),
    utf16be,
    ...hex(utf16be),
    ...hex(Buffer.from(secret)),
  ];
}
const leaks = (bytes: Buffer) => SECRETS.filter((s) => byteForms(s).some((form) => bytes.includes(form)));

// ── PDF: Info dictionary (standard and custom keys), XMP on the catalog and on a page, an annotation author.
const xmp = (who: string) =>
  `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"><dc:creator><rdf:Seq><rdf:li>${who}</rdf:li></rdf:Seq></dc:creator><pdf:Producer>${who}</pdf:Producer></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

async function plantedPdf() {
  const doc = await PDFDocument.create();
  const page = doc.addPage([300, 300]);
  page.drawText("Belt alignment device", { x: 20, y: 200, size: 12 });
  doc.setTitle(IDENTITY);
  doc.setAuthor(IDENTITY);
  doc.setSubject(IDENTITY);
  doc.setKeywords([ID.name, ID.phone, ID.email, ID.employer]);
  doc.setCreator(IDENTITY);
  doc.setProducer(IDENTITY);
  const info = doc.context.lookup(doc.context.trailerInfo.Info) as PDFDict;
  info.set(PDFName.of("Company"), PDFHexString.fromText(ID.employer));
  info.set(PDFName.of("SourceModified"), PDFString.of(`${ID.latinName} ${ID.phone} ${ID.email} ${ID.latinEmployer}`));
  const stream = (text: string) =>
    doc.context.register(doc.context.stream(Buffer.from(text, "utf8"), { Type: "Metadata", Subtype: "XML" }));
  doc.catalog.set(PDFName.of("Metadata"), stream(xmp(IDENTITY)));
  page.node.set(PDFName.of("Metadata"), stream(xmp(IDENTITY)));
  page.node.set(
    PDFName.of("Annots"),
    doc.context.obj([
      doc.context.register(
        doc.context.obj({
          Type: "Annot",
          Subtype: "Text",
          Rect: [10, 10, 30, 30],
          T: PDFHexString.fromText(IDENTITY),
          Contents: PDFString.of("ok"),
        }),
      ),
    ]),
  );
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

// ── PNG: text chunks of all three kinds and an eXIf chunk, inserted after IHDR.
function chunk(type: string, data: Buffer) {
  const head = Buffer.from(type, "latin1");
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head, data])));
  return Buffer.concat([len, head, data, crc]);
}
function pngChunks(png: Buffer) {
  const types: string[] = [];
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at);
    types.push(png.toString("latin1", at + 4, at + 8));
    at += 12 + len;
  }
  return types;
}

/** A TIFF (EXIF) block with Artist, Copyright and ImageDescription, as sharp writes it. */
async function exifTiff() {
  const jpeg = await sharp({ create: { width: 4, height: 4, channels: 3, background: "#fff" } })
    .jpeg()
    .withExif({
      IFD0: { Artist: ID.latinName, Copyright: `${ID.phone} ${ID.email}`, ImageDescription: ID.latinEmployer },
    })
    .toBuffer();
  const at = jpeg.indexOf(Buffer.from("Exif\0\0", "latin1"));
  const len = jpeg.readUInt16BE(at - 2);
  return jpeg.subarray(at + 6, at - 2 + len);
}

async function plantedPng() {
  const base = await sharp({ create: { width: 16, height: 12, channels: 3, background: "#3a7" } })
    .png()
    .toBuffer();
  const ihdrEnd = 8 + 12 + base.readUInt32BE(8);
  const text = chunk("tEXt", Buffer.concat([Buffer.from("Author\0", "latin1"), Buffer.from(IDENTITY, "utf8")]));
  const itxt = chunk(
    "iTXt",
    Buffer.concat([Buffer.from("Copyright\0\0\0zh\0\0", "latin1"), Buffer.from(IDENTITY, "utf8")]),
  );
  const ztxt = chunk(
    "zTXt",
    Buffer.concat([Buffer.from("Comment\0\0", "latin1"), deflateSync(Buffer.from(IDENTITY, "utf8"))]),
  );
  const exif = chunk("eXIf", await exifTiff());
  return Buffer.concat([base.subarray(0, ihdrEnd), text, itxt, ztxt, exif, base.subarray(ihdrEnd)]);
}

// ── JPEG: EXIF (APP1), XMP (APP1) and a comment (COM), inserted after SOI. In entropy-coded data
// 0xFF is always followed by 0x00, so FF FE occurs only as a COM marker.
const COM = Buffer.from([0xff, 0xfe]);
function segment(marker: number, payload: Buffer) {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(marker, 0);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}
async function plantedJpeg() {
  const base = await sharp({ create: { width: 16, height: 12, channels: 3, background: "#37a" } })
    .jpeg()
    .toBuffer();
  const exif = segment(0xffe1, Buffer.concat([Buffer.from("Exif\0\0", "latin1"), await exifTiff()]));
  const xmpSeg = segment(0xffe1, Buffer.from(`http://ns.adobe.com/xap/1.0/\0${xmp(IDENTITY)}`, "utf8"));
  const com = segment(0xfffe, Buffer.from(IDENTITY, "utf8"));
  return Buffer.concat([base.subarray(0, 2), exif, xmpSeg, com, base.subarray(2)]);
}

async function setup(tag: string) {
  const tree = await orgTree(tag);
  const contest = await makeContest(tree.unionA.id, { phase: "judging", blindReview: true });
  const author = await createUser({ name: `作者${tag}`, employerId: tree.entA.id });
  const entry = await submittedEntry(contest.id, author, tree.unionA.id);
  const originals = { pdf: await plantedPdf(), png: await plantedPng(), jpeg: await plantedJpeg() };
  const stored = await storeFiles(
    [
      new File([originals.pdf], "方案.pdf", { type: "application/pdf" }),
      new File([originals.png], "photo.png", { type: "image/png" }),
      new File([originals.jpeg], "photo.jpg", { type: "image/jpeg" }),
    ],
    "entry_attachment",
    author.id,
  );
  if (!("ids" in stored)) throw new Error("expected the files to be stored");
  await prisma.entryAttachment.createMany({
    data: stored.ids.map((fileId, position) => ({ entryId: entry.id, fileId, position })),
  });
  const judge = await createUser({ name: `评委${tag}`, employerId: tree.entB.id });
  await prisma.contestJudge.create({ data: { contestId: contest.id, userId: judge.id } });
  const assignment = await prisma.assignment.create({
    data: { contestId: contest.id, entryId: entry.id, judgeId: judge.id },
  });
  const [pdfId, pngId, jpegId] = stored.ids;
  return { contest, entry, author, judge, assignment, originals, ids: { pdf: pdfId, png: pngId, jpeg: jpegId } };
}

const download = async (fileId: string, cookie: string) => {
  const res = await getPage(server, `/files/${fileId}`, { cookie });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
};

test("the planted files carry the identity in every metadata field (so the scrub test below can fail)", async () => {
  const pdf = await plantedPdf();
  expect(leaks(pdf)).toEqual(SECRETS);
  const png = await plantedPng();
  expect(pngChunks(png)).toEqual(expect.arrayContaining(["tEXt", "iTXt", "zTXt", "eXIf"]));
  expect(leaks(png)).toEqual(SECRETS);
  // zTXt is compressed: its identity is found only after inflating it.
  const z = png.indexOf(Buffer.from("zTXt", "latin1"));
  const zData = png.subarray(z + 4 + "Comment\0\0".length, z + 4 + png.readUInt32BE(z - 4));
  expect(inflateSync(zData).toString("utf8")).toBe(IDENTITY);
  const jpeg = await plantedJpeg();
  expect(leaks(jpeg)).toEqual(SECRETS);
  const meta = await sharp(jpeg).metadata();
  expect(meta.exif).toBeDefined();
  expect(meta.xmp).toBeDefined();
  expect(jpeg.includes(COM)).toBe(true);
});

test("under blind review a judge downloads PDF, PNG and JPEG copies with no identity left in any metadata field", async () => {
  const s = await setup("m");
  const cookie = await sessionCookieFor(s.judge.id);

  const pdf = await download(s.ids.pdf, cookie);
  expect(pdf.status).toBe(200);
  expect(leaks(pdf.bytes)).toEqual([]);
  const copy = await PDFDocument.load(pdf.bytes);
  expect(copy.getPageCount()).toBe(1);
  expect(copy.getAuthor()).toBeUndefined();
  expect(copy.getTitle()).toBeUndefined();
  expect(copy.catalog.get(PDFName.of("Metadata"))).toBeUndefined();

  const png = await download(s.ids.png, cookie);
  expect(png.status).toBe(200);
  expect(leaks(png.bytes)).toEqual([]);
  for (const type of ["tEXt", "iTXt", "zTXt", "eXIf"]) expect(pngChunks(png.bytes)).not.toContain(type);
  expect(await sharp(png.bytes).metadata()).toMatchObject({ format: "png", width: 16, height: 12 });

  const jpeg = await download(s.ids.jpeg, cookie);
  expect(jpeg.status).toBe(200);
  expect(leaks(jpeg.bytes)).toEqual([]);
  const meta = await sharp(jpeg.bytes).metadata();
  expect(meta).toMatchObject({ format: "jpeg", width: 16, height: 12 });
  expect(meta.exif).toBeUndefined();
  expect(meta.xmp).toBeUndefined();
  expect(jpeg.bytes.includes(COM)).toBe(false);

  // The author (and the organiser) still get their file exactly as uploaded.
  const own = await download(s.ids.pdf, await sessionCookieFor(s.author.id));
  expect(own.bytes.equals(s.originals.pdf)).toBe(true);
});

test("a judge who declared a conflict can no longer open the entry or its files (403)", async () => {
  const s = await setup("c");
  const cookie = await sessionCookieFor(s.judge.id);
  expect((await getPage(server, `/judging/${s.contest.id}/${s.entry.id}`, { cookie })).status).toBe(200);
  expect((await download(s.ids.png, cookie)).status).toBe(200);
  await prisma.assignment.update({
    where: { id: s.assignment.id },
    data: { status: "conflict", conflictReason: "亲属" },
  });
  expect((await getPage(server, `/judging/${s.contest.id}/${s.entry.id}`, { cookie })).status).toBe(403);
  for (const id of Object.values(s.ids)) expect((await download(id, cookie)).status).toBe(403);
  // The list still shows the entry (with its status) but no longer links to it.
  const list = await (await getPage(server, "/judging", { cookie })).text();
  expect(list).not.toContain(`/judging/${s.contest.id}/${s.entry.id}"`);
});

test("entrants are told, when blind review is on, to keep names out of the body of their files", async () => {
  const tree = await orgTree("n");
  const blind = await makeContest(tree.unionA.id, { phase: "submission", blindReview: true });
  const open = await makeContest(tree.unionA.id, { phase: "submission", blindReview: false });
  const worker = await createUser({ employerId: tree.entA.id });
  const cookie = await sessionCookieFor(worker.id);
  const notice = "请勿在附件正文";
  expect(await (await getPage(server, `/contests/${blind.id}/enter`, { cookie })).text()).toContain(notice);
  expect(await (await getPage(server, `/contests/${open.id}/enter`, { cookie })).text()).not.toContain(notice);
});
