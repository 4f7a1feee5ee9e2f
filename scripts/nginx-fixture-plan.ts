/**
 * Plans the traffic that scripts/make-nginx-fixture.sh sends to a local nginx: one curl config
 * file per second of the run (`slot-0000.cfg`, ...) and `clients.tsv`, which maps each
 * simulated client's loopback source address to the documentation-range address (RFC 5737)
 * that replaces it in the committed fixture.
 *
 * Every choice comes from one seeded generator, so a seed always yields the same requests in
 * the same seconds; only the wall-clock timestamps that nginx writes differ between runs.
 *
 * Usage: node bin/run-ts.js scripts/nginx-fixture-plan.ts --port 8080 --out DIR
 *          [--seed 20240501] [--if-modified-since 'Mon, 01 Jan 2024 00:00:00 GMT']
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seededRandom } from '../src/main/engine/seeded-random.ts';

/** Length of the run (s); the driver starts one curl process per second. */
const RUN_SECONDS = 170;

/** Mean quiet traffic (requests/s) before the slow wave and the jitter are applied. */
const BASELINE_PER_SECOND = 22;

/** The health probe asks every this many seconds, like a load balancer would. */
const HEALTH_PERIOD_SECONDS = 2;

/** A stretch of seconds in which one path gets extra requests on top of the baseline. */
interface Burst {
  path: string;
  startSecond: number;
  seconds: number;
  /** Mean extra requests/s; each second varies by ±15 % so the burst is not a flat line. */
  extraPerSecond: number;
  from: ClientKind;
  referer?: string;
}

/** Three bursts, spaced so each has quiet seconds before it for a burst detector to compare. */
const BURSTS: Burst[] = [
  // A newsletter links to the sale search: browsers pile onto one query.
  {
    path: '/api/search?q=sale',
    startSecond: 30,
    seconds: 15,
    extraPerSecond: 45,
    from: 'browser',
    referer: 'https://mail.example.net/',
  },
  // A product page is shared on a social site.
  {
    path: '/products/42',
    startSecond: 85,
    seconds: 15,
    extraPerSecond: 40,
    from: 'browser',
    referer: 'https://social.example.org/',
  },
  // Scrapers hammer the export endpoint, which answers 429: a burst of errors, late in the run.
  { path: '/api/export', startSecond: 135, seconds: 12, extraPerSecond: 30, from: 'scraper' },
];

/** Placeholder in the catalog for `/api/search?q=<term>`; the term has its own popularity. */
const SEARCH = 'SEARCH';
const SEARCH_TERMS = ['shoes', 'jacket', 'sale', 'socks', 'boots', 'scarf', 'gloves', 'hat'];

/**
 * Paths in order of popularity; path number r (from 1) is asked with weight 1 / r (Zipf).
 * Statuses come from the nginx config: 404s, 301, 302, 429, 500 and 503 are all in here.
 */
const CATALOG = [
  '/',
  '/static/app.js',
  '/static/app.css',
  '/products',
  '/images/logo.png',
  '/api/cart',
  '/products/42',
  SEARCH,
  '/index.html',
  '/products/7',
  '/login',
  '/products/13',
  '/favicon.ico',
  '/shop',
  '/api/recommendations',
  '/robots.txt',
  '/api/checkout',
  '/products/999',
  '/api/export',
  '/api/report',
  '/wp-login.php',
  '/.env',
];

const SCANNER_PATHS = new Set(['/wp-login.php', '/.env']);
const ASSET_PATHS = new Set(['/static/app.js', '/static/app.css', '/images/logo.png']);
const PAGE_PATHS = ['/', '/products', '/products/42', '/products/7', '/products/13'];
const SITE = 'https://shop.example.com';

type ClientKind = 'browser' | 'cli' | 'crawler' | 'scanner' | 'scraper' | 'probe';

interface Client {
  kind: ClientKind;
  /** Loopback source address curl binds to, so nginx logs each client apart. */
  source: string;
  /** RFC 5737 address that replaces `source` in the fixture. */
  documentationAddress: string;
  userAgent: string;
  /** Relative share of this client among clients of its kind. */
  weight: number;
}

interface PlannedRequest {
  client: Client;
  path: string;
  method: 'GET' | 'HEAD' | 'POST';
  body?: string;
  contentType?: string;
  referer?: string;
  ifModifiedSince?: string;
  http10?: boolean;
  /** Sends Accept-Encoding, so nginx gzips text assets and logs the smaller size. */
  compressed?: boolean;
}

const BROWSER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.0.0',
];

/** How many clients of each kind exist, and the user agents they choose from. */
const CLIENT_KINDS: { kind: ClientKind; count: number; agents: string[] }[] = [
  { kind: 'browser', count: 30, agents: BROWSER_AGENTS },
  { kind: 'cli', count: 3, agents: ['curl/7.88.1', 'Wget/1.21.3', 'python-requests/2.31.0'] },
  {
    kind: 'crawler',
    count: 2,
    agents: ['Mozilla/5.0 (compatible; ExampleBot/2.1; +https://bot.example.com/info)'],
  },
  { kind: 'scanner', count: 1, agents: ['Mozilla/5.0 zgrab/0.x'] },
  { kind: 'scraper', count: 2, agents: ['Scrapy/2.11.0 (+https://scrapy.org)'] },
  { kind: 'probe', count: 1, agents: ['kube-probe/1.29'] },
];

function pickWeighted<T>(items: T[], weights: number[], random: () => number): T {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let point = random() * total;
  for (let i = 0; i < items.length; i++) {
    point -= weights[i];
    if (point < 0) return items[i];
  }
  return items[items.length - 1];
}

function zipfWeights(count: number): number[] {
  return Array.from({ length: count }, (_, rank) => 1 / (rank + 1));
}

/** Each client gets its own loopback source and a distinct documentation address. */
function makeClients(random: () => number): Client[] {
  const ranges = ['192.0.2', '198.51.100', '203.0.113'];
  const usedAddresses = new Set<string>();
  const clients: Client[] = [];
  for (const { kind, count, agents } of CLIENT_KINDS) {
    for (let i = 0; i < count; i++) {
      let address: string;
      do {
        const range = ranges[Math.floor(random() * ranges.length)];
        address = `${range}.${2 + Math.floor(random() * 252)}`;
      } while (usedAddresses.has(address));
      usedAddresses.add(address);
      clients.push({
        kind,
        source: `127.0.0.${10 + clients.length}`,
        documentationAddress: address,
        // Round-robin, so every agent in the list shows up in the log.
        userAgent: agents[i % agents.length],
        // A few heavy users and a long tail, as on any real site.
        weight: 1 / (i + 1),
      });
    }
  }
  return clients;
}

function pickClient(clients: Client[], kind: ClientKind, random: () => number): Client {
  const ofKind = clients.filter((c) => c.kind === kind);
  return pickWeighted(
    ofKind,
    ofKind.map((c) => c.weight),
    random,
  );
}

/** Scanners probe for leaked files, crawlers read robots.txt, people do the rest. */
function clientKindFor(path: string, random: () => number): ClientKind {
  if (SCANNER_PATHS.has(path)) return 'scanner';
  if (path === '/robots.txt') return 'crawler';
  return pickWeighted<ClientKind>(['browser', 'cli', 'crawler'], [85, 7, 8], random);
}

/** Chooses method, body and headers the way that kind of client would send them. */
function shapeRequest(
  path: string,
  client: Client,
  random: () => number,
  ifModifiedSince: string,
): PlannedRequest {
  const request: PlannedRequest = { client, path, method: 'GET' };
  if (path === '/api/cart' && random() < 0.6) {
    request.method = 'POST';
    request.contentType = 'application/json';
    request.body = `{"sku":${1 + Math.floor(random() * 99)},"qty":1}`;
  } else if (path === '/login' && random() < 0.5) {
    request.method = 'POST';
    request.contentType = 'application/x-www-form-urlencoded';
    request.body = 'user=shopper&remember=1';
  } else if ((client.kind === 'cli' || client.kind === 'crawler') && random() < 0.25) {
    request.method = 'HEAD';
  }
  if (client.kind !== 'browser') return request;

  request.compressed = true;
  // Browsers revalidate cached assets (nginx answers 304) and send where they came from.
  if (ASSET_PATHS.has(path)) {
    if (random() < 0.35) request.ifModifiedSince = ifModifiedSince;
    request.referer = `${SITE}/`;
  } else if (random() < 0.5) {
    request.referer = SITE + PAGE_PATHS[Math.floor(random() * PAGE_PATHS.length)];
  }
  return request;
}

function pickCatalogPath(random: () => number): string {
  const entry = pickWeighted(CATALOG, zipfWeights(CATALOG.length), random);
  if (entry !== SEARCH) return entry;
  const term = pickWeighted(SEARCH_TERMS, zipfWeights(SEARCH_TERMS.length), random);
  return `/api/search?q=${term}`;
}

/** Quiet traffic rises and falls over about a minute, with a little noise on top. */
function baselineCount(second: number, random: () => number): number {
  const wave = 1 + 0.25 * Math.sin((2 * Math.PI * second) / 75);
  return Math.max(5, Math.round(BASELINE_PER_SECOND * wave + (random() * 6 - 3)));
}

function planBurst(burst: Burst, clients: Client[], random: () => number): PlannedRequest[] {
  const count = Math.round(burst.extraPerSecond * (0.85 + 0.3 * random()));
  return Array.from({ length: count }, () => {
    const client = pickClient(clients, burst.from, random);
    const compressed = client.kind === 'browser';
    return { client, path: burst.path, method: 'GET', referer: burst.referer, compressed };
  });
}

function planSecond(
  second: number,
  clients: Client[],
  random: () => number,
  ifModifiedSince: string,
): PlannedRequest[] {
  const requests: PlannedRequest[] = [];
  for (let n = baselineCount(second, random); n > 0; n--) {
    const path = pickCatalogPath(random);
    const client = pickClient(clients, clientKindFor(path, random), random);
    requests.push(shapeRequest(path, client, random, ifModifiedSince));
  }
  for (const burst of BURSTS) {
    const active = second >= burst.startSecond && second < burst.startSecond + burst.seconds;
    if (active) requests.push(...planBurst(burst, clients, random));
  }
  if (second % HEALTH_PERIOD_SECONDS === 0) {
    const probe = pickClient(clients, 'probe', random);
    requests.push({ client: probe, path: '/health', method: 'GET', http10: true });
  }
  return shuffle(requests, random);
}

/** Fisher-Yates, so burst requests interleave with the rest instead of queueing at the end. */
function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** curl config values are double-quoted strings in which `\` and `"` must be escaped. */
function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function toCurlConfig(request: PlannedRequest, port: number): string {
  const lines = [
    `url = ${quote(`http://127.0.0.1:${port}${request.path}`)}`,
    `interface = ${quote(request.client.source)}`,
    `user-agent = ${quote(request.client.userAgent)}`,
    'output = "/dev/null"',
  ];
  if (request.method === 'HEAD') lines.push('head');
  if (request.body !== undefined) lines.push(`data-raw = ${quote(request.body)}`);
  if (request.contentType) lines.push(`header = ${quote(`Content-Type: ${request.contentType}`)}`);
  if (request.referer) lines.push(`referer = ${quote(request.referer)}`);
  if (request.ifModifiedSince) {
    lines.push(`header = ${quote(`If-Modified-Since: ${request.ifModifiedSince}`)}`);
  }
  if (request.http10) lines.push('http1.0');
  if (request.compressed) lines.push('compressed');
  return lines.join('\n');
}

function main(): void {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string', default: '20240501' },
      'if-modified-since': { type: 'string', default: 'Mon, 01 Jan 2024 00:00:00 GMT' },
    },
  });
  if (!values.port || !values.out) throw new Error('usage: --port N --out DIR [--seed N]');
  const port = Number(values.port);
  const random = seededRandom(Number(values.seed));
  const clients = makeClients(random);
  mkdirSync(values.out, { recursive: true });

  let total = 0;
  for (let second = 0; second < RUN_SECONDS; second++) {
    const requests = planSecond(second, clients, random, values['if-modified-since']);
    total += requests.length;
    const config = requests.map((r) => toCurlConfig(r, port)).join('\nnext\n');
    writeFileSync(join(values.out, `slot-${String(second).padStart(4, '0')}.cfg`), `${config}\n`);
  }
  const table = clients.map((c) => `${c.source}\t${c.documentationAddress}\n`).join('');
  writeFileSync(join(values.out, 'clients.tsv'), table);
  console.log(`planned ${total} requests over ${RUN_SECONDS} s from ${clients.length} clients`);
}

main();
