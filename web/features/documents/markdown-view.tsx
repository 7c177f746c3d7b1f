import { Anchor, Blockquote, Code, Divider, List, Text, Title, Typography } from '@mantine/core';
import { Fragment, useMemo } from 'react';
import { type Inline, parseMarkdown } from '../../../src/shared/markdown';

// Renders a document body as React elements from our own Markdown reader: text is always text
// (React escapes it), so raw HTML in a document can never run. Links go only to web addresses.

const SAFE_LINK = /^(https?:\/\/|mailto:|\/)/i;

function Inlines({ content }: { content: Inline[] }) {
  return (
    <>
      {content.map((c, i) => {
        const key = `${i}-${c.kind}`;
        switch (c.kind) {
          case 'strong':
            return <strong key={key}>{c.text}</strong>;
          case 'em':
            return <em key={key}>{c.text}</em>;
          case 'code':
            return <Code key={key}>{c.text}</Code>;
          case 'link':
            return SAFE_LINK.test(c.href) ? (
              <Anchor key={key} href={c.href} target="_blank" rel="noopener noreferrer">
                {c.text}
              </Anchor>
            ) : (
              <Fragment key={key}>{c.text}</Fragment>
            );
          default:
            return <Fragment key={key}>{c.text}</Fragment>;
        }
      })}
    </>
  );
}

export function MarkdownView({ source }: { source: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <Typography p={0}>
      {blocks.map((block, i) => {
        const key = `${i}-${block.kind}`;
        switch (block.kind) {
          case 'heading':
            return (
              <Title key={key} order={Math.min(block.level + 2, 6) as 3 | 4 | 5 | 6}>
                <Inlines content={block.content} />
              </Title>
            );
          case 'paragraph':
            return (
              <Text key={key} component="p">
                <Inlines content={block.content} />
              </Text>
            );
          case 'list':
            return (
              <List key={key} type={block.ordered ? 'ordered' : 'unordered'} withPadding>
                {block.items.map((item, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: list items have no identity but their place
                  <List.Item key={j}>
                    <Inlines content={item} />
                  </List.Item>
                ))}
              </List>
            );
          case 'quote':
            return (
              <Blockquote key={key} p="sm">
                <Inlines content={block.content} />
              </Blockquote>
            );
          case 'code':
            return (
              <Code key={key} block>
                {block.text}
              </Code>
            );
          case 'rule':
            return <Divider key={key} my="sm" />;
          default:
            return null;
        }
      })}
    </Typography>
  );
}
