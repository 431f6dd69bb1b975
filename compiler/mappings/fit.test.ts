import { describe, expect, it } from 'vitest';
import { mappingsForHeader } from './fit.js';

describe('the bundled mapping that reads a CSV header', () => {
  it('is the one whose id column the header has, however the header writes it', () => {
    expect(mappingsForHeader(['Record ID', 'First Name', 'Job Title', 'Number of Employees'])).toEqual([{ name: 'hubspot', columns: 4 }]);
    expect(mappingsForHeader([' lead id ', 'Title', 'No. of Employees'])).toEqual([{ name: 'salesforce', columns: 3 }]);
  });

  it('is none when no mapping finds the id, however many other columns it names', () => {
    expect(mappingsForHeader(['Key', 'Job Title', 'Email', 'Industry'])).toEqual([]);
  });

  it('puts the mapping naming most columns first when several find the id', () => {
    const fits = mappingsForHeader(['Id', 'Record ID', 'Title', 'No. of Employees', 'Lead Source']);
    expect(fits.map((fit) => fit.name)).toEqual(['salesforce', 'hubspot']);
  });
});
