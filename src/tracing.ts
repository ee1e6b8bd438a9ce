import { useOpenTelemetry } from '@envelop/opentelemetry';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { Plugin } from 'graphql-yoga';

/**
 * OpenTelemetry spans for every operation (parse, validate, execute and each resolver), exported
 * over OTLP/HTTP when an endpoint is configured; no tracing otherwise.
 */
export function tracing(endpoint: string | undefined): Plugin[] {
  if (!endpoint) return [];
  const provider = new BasicTracerProvider({
    resource: new Resource({ 'service.name': 'xiangyang-quality-graph' }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` })),
    ],
  });
  const plugin = useOpenTelemetry({ resolvers: true, variables: false, result: false }, provider) as Plugin;
  // Disposing the server (on SIGTERM) flushes the spans still queued.
  return [plugin, { onDispose: () => provider.shutdown() }];
}
