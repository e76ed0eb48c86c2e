/** A statement's text per row count, built once: each shape is also prepared once per connection. */
export function statementsBySize(build: (rowCount: number) => string): (rowCount: number) => string {
  const statements = new Map<number, string>();
  return (rowCount) => {
    let sql = statements.get(rowCount);
    if (sql === undefined) {
      sql = build(rowCount);
      statements.set(rowCount, sql);
    }
    return sql;
  };
}
