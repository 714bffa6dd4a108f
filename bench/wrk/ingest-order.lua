-- wrk script for the webhook endpoint: every request is a distinct Shopify-style order of about 2.5 KB
-- (its own id, number, name and Idempotency-Key), sent with the tenant's API key from WRK_API_KEY and the topic header
-- Shopify sends with every delivery (since 2026-12-04: results recorded before bench/README's entry "2026-12-04 (late
-- morning)" were measured without it, and the service read the event type from the body's shape).
-- The baselines ignore the key and the headers. Used by bench/ingest-wrk.sh; usage by hand:
--   WRK_API_KEY=... WRK_RUN=r1 wrk -t1 -c16 -d10s --latency -s bench/wrk/ingest-order.lua http://127.0.0.1:5080/api/v1/webhook/<slug>

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_id", thread_count)
  table.insert(threads, thread)
end

local counter = 0
local run = os.getenv("WRK_RUN") or tostring(os.time())

-- Line items and addresses make up most of the body; the order's own numbers are spliced in per request.
local function line_item(n)
  return string.format(
    '{"id":%d,"variant_id":%d,"title":"Organic cotton tee %d","quantity":%d,"sku":"TEE-%03d","variant_title":"M / Navy",' ..
    '"vendor":"Bench Apparel","product_id":%d,"requires_shipping":true,"taxable":true,"gift_card":false,"name":"Organic cotton tee %d - M / Navy",' ..
    '"price":"%d.00","total_discount":"0.00","fulfillment_status":null,"grams":180,' ..
    '"tax_lines":[{"title":"State tax","price":"%d.40","rate":0.06}],"discount_allocations":[]}',
    866550311766439000 + n, 808950810 + n, n, n, n, 632910392 + n, n, 19 + n, n)
end

local address = '{"first_name":"Bob","last_name":"Norman","address1":"Chestnut Street 92","address2":"","city":"Louisville",' ..
  '"zip":"40202","province":"Kentucky","country":"United States","phone":"+1(502)-459-2181","company":null,' ..
  '"latitude":45.41634,"longitude":-75.6868,"country_code":"US","province_code":"KY"}'

local items = line_item(1) .. "," .. line_item(2) .. "," .. line_item(3)
local tail = ',"currency":"USD","financial_status":"paid","total_price":"79.20","subtotal_price":"72.00","total_tax":"7.20",' ..
  '"total_discounts":"0.00","taxes_included":false,"email":"bob.norman@example.com","buyer_accepts_marketing":false,' ..
  '"customer":{"id":207119551,"email":"bob.norman@example.com","first_name":"Bob","last_name":"Norman","currency":"USD"},' ..
  '"billing_address":' .. address .. ',"shipping_address":' .. address .. ',"line_items":[' .. items .. '],' ..
  '"shipping_lines":[{"id":369256396,"title":"Standard","price":"0.00","code":"Standard","source":"shopify"}],' ..
  '"note":"Please leave at the door","tags":"bench, wrk"}'

local key = os.getenv("WRK_API_KEY")

function init(args)
  wrk.method = "POST"
end

function request()
  counter = counter + 1
  local number = thread_id * 100000000 + counter
  local body = string.format('{"id":%d,"order_number":%d,"name":"#W%d","created_at":"2026-12-02T10:00:00-05:00"', 820982911946154508 + number, number, number) .. tail
  -- wrk.format uses these headers instead of wrk.headers, so each request's table carries all of them.
  local headers = { ["Content-Type"] = "application/json", ["X-Shopify-Topic"] = "orders/create",
    ["Idempotency-Key"] = run .. "-" .. thread_id .. "-" .. counter }
  if key and #key > 0 then
    headers["X-API-Key"] = key
  end
  return wrk.format(nil, nil, headers, body)
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("WRK_RESULT requests=%d duration_us=%d non2xx=%d socket_errors=%d p50_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, non2xx,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
