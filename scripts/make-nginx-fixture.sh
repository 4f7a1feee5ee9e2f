#!/usr/bin/env bash
# Regenerates the nginx access-log fixture (test/fixtures/nginx/access.log) from real traffic:
# a private nginx on 127.0.0.1 serves a small shop site while curl replays a seeded request plan
# (scripts/nginx-fixture-plan.ts) for about three minutes, with three deliberate bursts.
#
# Usage:   bash scripts/make-nginx-fixture.sh OUT_FILE
# Needs:   nginx, curl, node (apt-get install -y nginx curl), run from anywhere, root not needed.
# Env:     FIXTURE_SEED (default 20240501) picks the plan; FIXTURE_TZ (default IST-5:30) is the
#          zone nginx writes times in, +0530 so a parser that ignores the zone or assumes whole
#          hours gets every timestamp wrong.
#
# Tests and CI never run this: it takes minutes and its timestamps are the wall clock's. The
# fixture it writes is committed instead.
set -euo pipefail

REPO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO_DIR
readonly SEED="${FIXTURE_SEED:-20240501}"
readonly NGINX_TZ="${FIXTURE_TZ:-IST-5:30}"
# Site files get this mtime, and browsers in the plan send it back as If-Modified-Since, so
# nginx answers those revalidations with a real 304.
readonly SITE_MTIME='Mon, 01 Jan 2024 00:00:00 GMT'
# Concurrent transfers per curl process; a burst second holds ~70 requests.
readonly PARALLEL_MAX=16

WORK_DIR=''
NGINX_PID=''
CURL_PIDS=()

log() { printf '[make-nginx-fixture] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Runs on every exit, so an interrupted run leaves neither nginx nor the temp dir behind.
cleanup() {
  local pid
  for pid in "${CURL_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [[ -n "$NGINX_PID" ]] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -TERM "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  [[ -n "$WORK_DIR" ]] && rm -rf "$WORK_DIR"
}

require_tools() {
  local tool
  for tool in nginx curl node; do
    command -v "$tool" >/dev/null || die "$tool not found (apt-get install -y nginx curl)"
  done
}

# Asks the kernel for a free port; a race with another process only makes nginx fail to start.
free_port() {
  node -e "const s = require('node:net').createServer();
    s.listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); });"
}

# A handful of pages and assets; sizes matter only so that byte counts look like a real site.
build_site() {
  local site="$1"
  mkdir -p "$site/products" "$site/static" "$site/images"
  page "Shop" >"$site/index.html"
  page "All products" >"$site/products.html"
  local id
  for id in 7 13 42; do page "Product $id" >"$site/products/$id.html"; done
  printf 'User-agent: *\nDisallow: /api/\n' >"$site/robots.txt"
  repeat_line 400 'export function render(node) { node.textContent = String(Date.now()); }' \
    >"$site/static/app.js"
  repeat_line 120 '.card { margin: 0 auto; padding: 1rem 2rem; border-radius: 4px; }' \
    >"$site/static/app.css"
  # A 1x1 PNG, the smallest real image.
  local png='iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9'
  base64 -d >"$site/images/logo.png" <<<"${png}awAAAABJRU5ErkJggg=="
  find "$site" -exec touch -d "$SITE_MTIME" {} +
  # nginx workers run as nobody when started by root; they must be able to read the site.
  chmod -R a+rX "$site"
}

page() {
  printf '<!doctype html>\n<html><head><title>%s</title>' "$1"
  printf '<link rel="stylesheet" href="/static/app.css"></head>\n'
  printf '<body><img src="/images/logo.png" alt=""><h1>%s</h1>\n' "$1"
  repeat_line 30 '<p>Hand-made goods, shipped within two days.</p>'
  printf '<script type="module" src="/static/app.js"></script></body></html>\n'
}

repeat_line() {
  local i
  for ((i = 0; i < $1; i++)); do printf '%s\n' "$2"; done
}

# Every path the plan asks for maps to a fixed status here, so the status mix is the plan's.
write_nginx_conf() {
  local dir="$1" port="$2"
  cat >"$dir/nginx.conf" <<EOF
# One worker writes the log in time order; the fixture is about windows, not nginx scaling.
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 256; }

http {
    types {
        text/html html;
        text/css css;
        application/javascript js;
        image/png png;
        text/plain txt;
    }
    default_type application/octet-stream;
    access_log $dir/access.log;  # the built-in combined format
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    gzip on;
    gzip_types text/css application/javascript;

    server {
        listen 127.0.0.1:$port;
        server_name shop.example.com;
        root $dir/site;
        index index.html;

        # Readiness check for this script; kept out of the fixture.
        location = /__ready { access_log off; return 204; }

        location = /health { default_type text/plain; return 200 "ok\n"; }
        location = /login { return 302 /account; }
        location = /shop { return 301 /products; }
        location = /api/cart {
            default_type application/json;
            return 200 '{"items":3,"total_cents":5997}';
        }
        location = /api/search { default_type application/json; return 200 '{"results":12}'; }
        location = /api/export { return 429; }   # rate-limited for everyone
        location = /api/checkout { return 503; }
        location = /api/report { return 500; }
        location /api/ { default_type application/json; return 200 '{"ok":true}'; }
        location / { try_files \$uri \$uri.html \$uri/ =404; }
    }
}
EOF
}

start_nginx() {
  local dir="$1"
  mkdir -p "$dir/tmp"
  # -e moves the startup error log off /var/log, so no root is needed.
  TZ="$NGINX_TZ" nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" -g 'daemon off;' &
  NGINX_PID=$!
}

wait_until_ready() {
  local port="$1" deadline=$((SECONDS + 10))
  until curl -fsS -o /dev/null "http://127.0.0.1:$port/__ready" 2>/dev/null; do
    kill -0 "$NGINX_PID" 2>/dev/null || die "nginx exited: $(cat "$WORK_DIR/error.log")"
    ((SECONDS < deadline)) || die 'nginx did not answer within 10 s'
    sleep 0.1
  done
}

now_us() { local t="${EPOCHREALTIME/[.,]/}"; echo "$((10#$t))"; }

sleep_until_us() {
  local wait_us=$(($1 - $(now_us)))
  if ((wait_us > 0)); then
    sleep "$(printf '%d.%06d' $((wait_us / 1000000)) $((wait_us % 1000000)))"
  fi
}

# Starts slot i's curl at 100 ms past a whole second, so each slot's requests, which finish in
# a few ms, all carry that second's timestamp and the plan's seconds are the log's seconds.
drive_traffic() {
  local plan="$1"
  local slots=("$plan"/slot-*.cfg) i pid failed=0
  local start_us=$((($(now_us) / 1000000 + 2) * 1000000 + 100000))
  log "sending ${#slots[@]} s of traffic"
  for i in "${!slots[@]}"; do
    sleep_until_us $((start_us + i * 1000000))
    curl --parallel --parallel-max "$PARALLEL_MAX" --no-progress-meter -K "${slots[i]}" &
    CURL_PIDS+=($!)
  done
  for pid in "${CURL_PIDS[@]}"; do wait "$pid" || failed=$((failed + 1)); done
  CURL_PIDS=()
  ((failed == 0)) || die "$failed curl processes reported transfer errors"
}

stop_nginx() {
  kill -QUIT "$NGINX_PID" # graceful: finishes and logs in-flight requests
  wait "$NGINX_PID" || true
  NGINX_PID=''
}

# Swaps each loopback client address for its documentation address; the rest of every line
# stays byte-for-byte as nginx wrote it. An address missing from the table fails the run.
anonymize_clients() {
  local clients="$1" log_file="$2"
  LC_ALL=C awk -F '\t' '
    NR == FNR { address[$1] = $2; next }
    {
      client = substr($0, 1, index($0, " ") - 1)
      if (!(client in address)) { print "unmapped client " client > "/dev/stderr"; exit 1 }
      print address[client] substr($0, length(client) + 1)
    }' "$clients" "$log_file"
}

# The README's burst schedule assumes each planned second landed in its own log second; a
# machine too busy to start curl on time breaks that, so say so rather than ship it silently.
summarize() {
  local out="$1" plan="$2" slots seconds
  slots="$(find "$plan" -name 'slot-*.cfg' | wc -l)"
  seconds="$(cut -d '[' -f 2 "$out" | cut -d ' ' -f 1 | uniq | wc -l)"
  log "wrote $(wc -l <"$out") lines to $out"
  log "first: $(head -n 1 "$out" | cut -d '[' -f 2 | cut -d ']' -f 1)"
  log "last:  $(tail -n 1 "$out" | cut -d '[' -f 2 | cut -d ']' -f 1)"
  if ((seconds != slots)); then
    log "warning: $slots planned seconds landed in $seconds log seconds; run it again"
  fi
}

main() {
  (($# == 1)) || die 'usage: bash scripts/make-nginx-fixture.sh OUT_FILE'
  local out="$1"
  require_tools
  WORK_DIR="$(mktemp -d)"
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  chmod 755 "$WORK_DIR"

  build_site "$WORK_DIR/site"
  local port
  port="$(free_port)"
  write_nginx_conf "$WORK_DIR" "$port"
  start_nginx "$WORK_DIR"
  wait_until_ready "$port"
  log "nginx $NGINX_PID serving on 127.0.0.1:$port"

  node "$REPO_DIR/bin/run-ts.js" "$REPO_DIR/scripts/nginx-fixture-plan.ts" \
    --port "$port" --out "$WORK_DIR/plan" --seed "$SEED" --if-modified-since "$SITE_MTIME" >&2
  drive_traffic "$WORK_DIR/plan"
  stop_nginx

  mkdir -p "$(dirname "$out")"
  anonymize_clients "$WORK_DIR/plan/clients.tsv" "$WORK_DIR/access.log" >"$out.tmp" ||
    { rm -f "$out.tmp"; die 'could not replace client addresses'; }
  mv "$out.tmp" "$out"
  summarize "$out" "$WORK_DIR/plan"
}

main "$@"
