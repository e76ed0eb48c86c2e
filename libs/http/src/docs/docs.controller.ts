import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header, Inject, NotFoundException, Param, StreamableFile } from '@nestjs/common';
import { Public } from '../auth/roles.decorator';
import { OPENAPI_DOCUMENT } from '../tokens';

const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'application/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'application/javascript; charset=utf-8',
};

// Served from the installed package: no CDN, so /docs works offline.
const ASSET_DIR = join(require.resolve('swagger-ui-dist/package.json'), '..');

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ledger API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '/docs/openapi.json', dom_id: '#ui', persistAuthorization: true });</script>
</body></html>`;

@Controller('docs')
export class DocsController {
  constructor(@Inject(OPENAPI_DOCUMENT) private readonly document: object) {}

  @Get()
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  page(): string {
    return PAGE;
  }

  @Get('openapi.json')
  @Public()
  openapi(): object {
    return this.document;
  }

  @Get('assets/:file')
  @Public()
  asset(@Param('file') file: string): StreamableFile {
    const type = ASSETS[file];
    if (!type) throw new NotFoundException();
    return new StreamableFile(createReadStream(join(ASSET_DIR, file)), { type });
  }
}
