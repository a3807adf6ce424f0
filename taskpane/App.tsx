/**
 * The task pane. For now it shows the frameworks with their categories and documentation; the
 * bulk-categorise workflow (issue 6) builds on this shell.
 */
import { Body1, Caption1, Dropdown, FluentProvider, Label, Option, Title3, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { useId, useState } from 'react';
import { FRAMEWORKS } from '../core/frameworks';

function prefersDark(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches;
}

/** The whole pane. */
export function App() {
  const [id, setId] = useState(FRAMEWORKS[0]?.id ?? '');
  const pickerId = useId();
  const framework = FRAMEWORKS.find((f) => f.id === id);
  return (
    <FluentProvider theme={prefersDark() ? webDarkTheme : webLightTheme} style={{ padding: 12, minHeight: '100vh', boxSizing: 'border-box' }}>
      <Title3 as="h1">School risk register</Title3>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 12 }}>
        <Label htmlFor={pickerId}>Framework</Label>
        <Dropdown id={pickerId} value={framework?.name ?? ''} selectedOptions={[id]} onOptionSelect={(_, d) => d.optionValue && setId(d.optionValue)}>
          {FRAMEWORKS.map((f) => (
            <Option key={f.id} value={f.id} text={f.name}>{f.name}</Option>
          ))}
        </Dropdown>
      </div>
      {framework && (
        <section aria-label="Framework summary" style={{ marginTop: 12 }}>
          <Body1>{framework.summary}</Body1>
          <ul style={{ paddingLeft: 16 }}>
            {framework.categories.map((c) => (
              <li key={c.id}>
                <span style={{ background: c.colour, color: c.textColour, padding: '0 6px', borderRadius: 2 }}>{c.label}</span> <Caption1>{c.description}</Caption1>
              </li>
            ))}
          </ul>
          <Caption1>Source: {framework.source.title} ({framework.source.year}). Our readings: {framework.docs}</Caption1>
        </section>
      )}
    </FluentProvider>
  );
}
