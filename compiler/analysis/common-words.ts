// Words that fill the text fields a policy tests with `contains`, `starts with` and `ends with`:
// job titles, departments, industries and company names, in English and German. The check for
// substring terms (substring-terms.ts) looks for a policy's term inside these words: `"CTO"` in
// "director", `"IT"` in "security", `"intern"` in "international". Plural and inflected forms are
// left out on purpose: `contains "engineer"` matching "engineering" is what its author means.
// The most frequent words in job titles come first: the warning names the first word that shows
// the problem.
export const commonWords: readonly string[] = `
director manager security international internal senior marketing sales
account accountant accounting acquisition adviser advisor administration administrator agency agent
alliance alliances analyst analytics architect architecture assistant associate assurance attorney
audit auditor automation automotive banking biotechnology board brand broker budget business buyer
campaign capital category channel chairman chairwoman chemical chief clinical cloud coach commercial
communication communications community compliance construction consultant consulting content contract
contractor controller coordinator corporate counsel creative credit customer cybersecurity data delivery
demand deputy design designer developer development devops digital distribution doctor
economist editor education educator electrical electronics engagement engineer enterprise entrepreneur
environmental equity estate event evangelist executive facilities factory federal field finance financial
forecasting founder fundraising general global government graphic growth guest healthcare hospitality
hospital human industrial industry information infrastructure innovation insights inspector insurance
integration investment investor junior lawyer lead leader learning lecturer legal
licensing logistics maintenance managing manufacturing media medical member merchandising
mobile national network nonprofit nurse office officer online operations operator owner packaging partner
partnerships payroll people performance pharmaceutical physician planning platform police portfolio
practice president pricing principal procurement producer product production professor program programmer
project property protection public publishing purchasing quality real receptionist recruiter recruiting
regional regulatory relations reliability representative research researcher resources retail revenue
risk safety scientist secretary service services site social software solutions
specialist sponsorship staff strategic strategist strategy student success superintendent supervisor
supply support sustainability system systems talent teacher technical technician technology
telecommunications territory testing trainer training transformation transportation treasurer treasury
trustee underwriter university vendor venture vice warehouse wholesale worldwide writer
berater direktor einkauf entwickler geschäftsführer geschäftsführerin gründer inhaber
ingenieur leiter leiterin mitarbeiter prokurist referent vertrieb vorstand
`
  .split(/\s+/)
  .filter((word) => word !== '');
