import { csvField, csvRow, CSV_HEADER } from './trailCsv';

describe('events.csv fields', () => {
  it('leaves plain values alone and quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('abc')).toBe('abc');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('{"k":"v"}')).toBe('"{""k"":""v""}"');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('ends rows with CRLF and starts with the documented header', () => {
    expect(csvRow(['a', 'b'])).toBe('a,b\r\n');
    expect(CSV_HEADER).toBe(
      'org_seq,recorded_at,event_id,stream_id,category,stream_revision,type,schema_version,actor,correlation_id,' +
        'causation_id,leaf_hash,personal_state,data,personal\r\n',
    );
  });
});
