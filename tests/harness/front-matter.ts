/** The front matter of a one-version test document: parties `alice` and `bob`, binding, effective 2025-01-01. */
export function frontMatter(agreement: string): string {
  return `---
pacte: 1
agreement: ${agreement}
version: v1
binding: true
effective: 2025-01-01
parties:
  alice: Alice SA
  bob: Bob Ltd
---
`;
}
