// How another Node service embeds leadscore: load the policy once, score a lead, then apply its
// events one at a time and tell sales when a decision changes.
//   node examples/embed/score-service.mjs [POLICY.score | POLICY.json]
import { readFileSync } from 'node:fs';
import { applyEvents, loadPolicy, startLead } from 'leadscore/runtime';

const file = process.argv[2] ?? new URL('../b2b-saas.score', import.meta.url).pathname;
const text = readFileSync(file, 'utf8');
// A rule graph compiled in CI (`leadscore compile policy.score -o policy.json`) needs only the runtime.
const { ir, diagnostics } = file.endsWith('.json') ? { ir: JSON.parse(text) } : (await import('leadscore/compiler')).compile(text, { fileName: file });
if (!ir) throw new Error(`${file} has errors: ${diagnostics.map((d) => d.message).join('; ')}`);
const policy = loadPolicy(ir);

const now = new Date('2026-11-23T12:00:00Z'); // a real service passes new Date()
const lead = { id: 'L42', email: 'erin@nordsoft.io', title: 'Engineer', industry: 'Software', employees: 200, phone: '+1 555' };
const { state, result } = startLead(policy, lead, { now }); // `state` is plain JSON: keep it in your database
console.log(`${result.id}: score ${result.score}, stage ${result.stage}, route ${result.route} (policy ${result.policy.hash})`);

const demo = { type: 'request', object: 'demo', at: '2026-11-23T11:30:00Z' };
const next = applyEvents(policy, state, demo, { now }); // store next.state in place of state
for (const t of next.transitions) console.log(`${lead.id}: ${t.kind} ${t.from} → ${t.to}`); // e.g. notify sales
