// A tiny model server for the churn model, speaking the Open Inference Protocol (KServe v2):
//   GET  /v2/health/ready              -> 200 when the model is loaded
//   GET  /v2/models/churn              -> model metadata
//   POST /v2/models/churn/infer        -> { inputs: [{ name, shape, datatype, data }] } -> churn probabilities
// Plain Node.js, no dependencies. MODEL_PATH points at the model directory (package-docker sets it).
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const modelDir = process.env.MODEL_PATH ?? join(import.meta.dirname, '..', 'model');
const model = JSON.parse(readFileSync(join(modelDir, 'model.json'), 'utf8'));
const port = Number(process.env.PORT ?? 8080);
const FEATURES = ['plan', 'tenure_months', 'support_tickets', 'monthly_spend', 'age'];

function score(row) {
  const [plan, tenure, tickets, spend, age] = row;
  const z =
    model.intercept +
    (model.plan[plan] ?? 0) +
    model.tenure * tenure +
    model.tickets * tickets +
    model.spend * (spend - 60) +
    model.age * (age - 40);
  return 1 / (1 + Math.exp(-z));
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Rows from the request: one BYTES/FP32 input per feature, or one input "rows" of [plan, tenure, tickets, spend, age]. */
function rows(request) {
  const inputs = request?.inputs;
  if (!Array.isArray(inputs) || inputs.length === 0) throw new Error('expected "inputs": [...]');
  const byName = Object.fromEntries(inputs.map((i) => [i.name, i.data]));
  if (byName.rows) return byName.rows;
  const missing = FEATURES.filter((f) => !Array.isArray(byName[f]));
  if (missing.length) throw new Error(`missing inputs: ${missing.join(', ')}`);
  return byName.plan.map((_, i) => FEATURES.map((f) => byName[f][i]));
}

const server = createServer((req, res) => {
  if (req.method === 'GET' && (req.url === '/v2/health/ready' || req.url === '/v2/health/live'))
    return send(res, 200, { ready: true });
  if (req.method === 'GET' && req.url === `/v2/models/${model.name}`) {
    return send(res, 200, {
      name: model.name,
      versions: [model.version],
      platform: 'node',
      inputs: FEATURES.map((name) => ({ name })),
    });
  }
  if (req.method === 'POST' && req.url === `/v2/models/${model.name}/infer`) {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      try {
        const data = rows(JSON.parse(body)).map(score);
        send(res, 200, {
          model_name: model.name,
          model_version: model.version,
          outputs: [{ name: 'churn_probability', shape: [data.length], datatype: 'FP64', data }],
        });
      } catch (error) {
        send(res, 400, { error: error.message });
      }
    });
    return;
  }
  send(res, 404, { error: `no route ${req.method} ${req.url}` });
});

server.listen(port, () => console.log(`churn model ${model.version} serving on :${port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
