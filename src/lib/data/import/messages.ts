/**
 * Import problems as sentences that teach: the file, what is wrong, and what to do. Kept beside the
 * problem codes rather than in i18n.ts because each takes parameters.
 */
import type { Lang } from '../../format/number';
import type { FileKind } from './kind';
import { formatBytes } from '../../format/bytes';
import { SIZE_LIMITS } from './limits';
import type { ImportProblem } from './problems';

export interface ProblemText {
  /** What went wrong, naming the file. */
  what: string;
  /** What to do about it. */
  todo: string;
}

const KIND_NAMES: Record<FileKind, string> = { csv: 'CSV/TSV', tsv: 'CSV/TSV', json: 'JSON', xlsx: 'Excel', xls: 'Excel 97-2003/WPS', parquet: 'Parquet' };

const limitsList = (lang: Lang) =>
  (Object.entries(SIZE_LIMITS) as [FileKind, number][])
    .filter(([k]) => k !== 'tsv')
    .map(([k, v]) => `${KIND_NAMES[k]} ${formatBytes(v)}`)
    .join(lang === 'zh' ? '，' : ', ');

const count = (n: number) => n.toLocaleString('en-US');

/** The sentence naming a crossed shape limit (limits.ts), in both languages. */
function limitText(p: Extract<ImportProblem, { code: 'limit' }>, zh: boolean): ProblemText {
  const f = `“${p.file}”${p.sheet ? (zh ? `的工作表“${p.sheet}”` : `, sheet “${p.sheet}”,`) : ''}`;
  const at = p.line !== undefined ? (zh ? `（第 ${count(p.line)} 行）` : ` (line ${count(p.line)})`) : '';
  switch (p.limit) {
    case 'columns':
      return zh
        ? { what: `${f}有 ${count(p.found)} 列${at}，超过了每张表 ${count(p.max)} 列的上限，因此没有读取。`, todo: '请只保留需要的列后重新导出；如果这是转置的表（每列一条记录），请先转置。之前载入的表不受影响。' }
        : { what: `${f} has ${count(p.found)} columns${at}, over the limit of ${count(p.max)} columns per table, so it was not read.`, todo: 'Export only the columns you need; if the table is transposed (one record per column), transpose it first. Tables loaded earlier are unaffected.' };
    case 'line':
      return zh
        ? { what: `${f}的一行${at}长 ${formatBytes(p.found)}，超过了单行 ${formatBytes(p.max)} 的上限，因此没有读取：表格的一行不会这么长。`, todo: '文件可能丢失了换行符，或有一个引号没有闭合；请用文本编辑器检查该行，或从原程序重新导出。之前载入的表不受影响。' }
        : { what: `${f} has a line${at} of ${formatBytes(p.found)}, over the line length limit of ${formatBytes(p.max)}, so it was not read: no table row is that long.`, todo: 'The file may have lost its line breaks, or a quote is never closed; check that line in a text editor, or export the file again. Tables loaded earlier are unaffected.' };
    case 'cells':
      return zh
        ? { what: `${f}有${p.estimated ? '约 ' : '超过 '}${count(p.found)} 个单元格（行数 × 列数），超过了一次导入 ${count(p.max)} 个单元格的上限，因此没有读取。`, todo: '请只导出需要的列和行、拆分为几个文件，或转换为 Parquet 格式（Parquet 不受此限制）。之前载入的表不受影响。' }
        : { what: `${f} holds ${p.estimated ? 'about' : 'more than'} ${count(p.found)} cells (rows × columns), over the limit of ${count(p.max)} cells per import, so it was not read.`, todo: 'Export only the rows and columns you need, split it into several files, or convert it to Parquet (not subject to this limit). Tables loaded earlier are unaffected.' };
    case 'unpacked':
      return zh
        ? { what: `${f}解压后有 ${formatBytes(p.found)}，超过了工作簿解压后 ${formatBytes(p.max)} 的上限，因此在解压之前就拒绝了。`, todo: '这通常是因为格式被应用到了整列或上百万个空行；请在 Excel 或 WPS 中删除空行空列后另存，或只将需要的工作表另存为 CSV。之前载入的表不受影响。' }
        : { what: `${f} unpacks to ${formatBytes(p.found)}, over the limit of ${formatBytes(p.max)} for an unpacked workbook, so it was refused before anything was unpacked.`, todo: 'This usually comes from formatting applied to whole columns or a million empty rows: delete the empty rows and columns in Excel or WPS and save again, or save just the sheet you need as CSV. Tables loaded earlier are unaffected.' };
  }
}

export function describeProblem(p: ImportProblem, lang: Lang): ProblemText {
  const zh = lang === 'zh';
  const f = zh ? `“${p.file}”` : `“${p.file}”`;
  switch (p.code) {
    case 'unsupported-type':
      return zh
        ? { what: `${f}不是可以导入的文件类型（.${p.ext}）。`, todo: '请选择 .csv、.tsv、.xlsx、.xls、.et、.parquet 或 .json 文件；其他格式请先在 Excel 或 WPS 中另存为 CSV 或 xlsx。' }
        : { what: `${f} is not a file type the dashboard can import (.${p.ext}).`, todo: 'Choose a .csv, .tsv, .xlsx, .xls, .et, .parquet or .json file; save other formats as CSV or xlsx from Excel or WPS first.' };
    case 'empty':
      return zh
        ? { what: `${f}是空文件，没有任何内容。`, todo: '请从原程序重新导出，确认文件大小不为 0 后再导入。' }
        : { what: `${f} is empty: it contains nothing.`, todo: 'Export it again from the program it came from and check that its size is not 0 before importing.' };
    case 'too-large':
      return zh
        ? { what: `${f}有 ${formatBytes(p.size)}，超过了此类文件 ${formatBytes(p.limit)} 的上限，浏览器可能因内存不足而崩溃，因此没有读取。`, todo: `请只导出需要的列和行，或转换为 Parquet 格式（上限：${limitsList(lang)}）。` }
        : { what: `${f} is ${formatBytes(p.size)}, over the ${formatBytes(p.limit)} limit for this kind of file, so it was not read: the browser could run out of memory.`, todo: `Export only the rows and columns you need, or convert it to Parquet (limits: ${limitsList(lang)}).` };
    case 'read-failed':
      return zh
        ? { what: `无法读取${f}：${p.detail}`, todo: '文件可能已被移动或正被其他程序占用；请关闭其他程序后重新选择文件。' }
        : { what: `${f} could not be read: ${p.detail}`, todo: 'The file may have moved or be locked by another program; close it there and choose it again.' };
    case 'compressed':
      return zh
        ? { what: `${f}是 ${p.format} 压缩文件，不是纯文本表格。`, todo: '请先解压缩，再导入其中的 CSV、xlsx 或 Parquet 文件。' }
        : { what: `${f} is a ${p.format} archive, not a plain-text table.`, todo: 'Unpack it first, then import the CSV, xlsx or Parquet file inside.' };
    case 'binary-text':
      return zh
        ? { what: `${f}不是文本文件（内容是二进制数据），无法按 CSV、TSV 或 JSON 读取。`, todo: '请检查扩展名是否正确；Excel 文件应为 .xlsx 或 .xls，Parquet 文件应为 .parquet。' }
        : { what: `${f} is not a text file (its content is binary), so it cannot be read as CSV, TSV or JSON.`, todo: 'Check that the extension is right: Excel files should end in .xlsx or .xls, Parquet files in .parquet.' };
    case 'legacy-xls':
      return zh
        ? { what: `${f}其实是 Excel 97-2003 工作簿（.xls），不是文本文件。`, todo: '请把扩展名改为 .xls 后重新导入，或在 Excel 或 WPS 中另存为 CSV。' }
        : { what: `${f} is an Excel 97-2003 workbook (.xls), not a text file.`, todo: 'Rename it to end in .xls and import it again, or save it as CSV from Excel or WPS.' };
    case 'not-xls':
      return zh
        ? { what: `${f}不是 Excel 97-2003 或 WPS 工作簿（文件开头既不是 .xls 的复合文档格式，也不是 HTML 或 XML 表格）。`, todo: '文件可能已损坏或扩展名有误；请在 Excel 或 WPS 中打开并另存为 .xlsx 或 CSV。' }
        : { what: `${f} is not an Excel 97-2003 or WPS workbook (it starts neither as an .xls compound file nor as an HTML or XML table).`, todo: 'It may be damaged or misnamed; open it in Excel or WPS and save it as .xlsx or CSV.' };
    case 'not-xlsx':
      return zh
        ? { what: `${f}不是 Excel 工作簿：.xlsx 文件应是 ZIP 压缩包，而这个文件不是。`, todo: '文件可能已损坏或扩展名有误；请在 Excel 或 WPS 中打开并重新另存为 .xlsx。' }
        : { what: `${f} is not an Excel workbook: an .xlsx file is a ZIP archive and this one is not.`, todo: 'It may be damaged or misnamed; open it in Excel or WPS and save it again as .xlsx.' };
    case 'xlsx-unreadable':
      return zh
        ? { what: `${f}看起来是 xlsx，但无法读取其中的工作表（${p.detail}）。`, todo: '文件可能已损坏或加密；请在 Excel 或 WPS 中打开，取消密码保护后另存为 .xlsx 或 CSV。' }
        : { what: `${f} looks like an xlsx workbook but its sheets cannot be read (${p.detail}).`, todo: 'It may be damaged or password-protected; open it in Excel or WPS, remove the password and save it again as .xlsx or CSV.' };
    case 'xlsx-library':
      return zh
        ? { what: `读取${f}所需的 Excel 组件未能加载（${p.detail}）。`, todo: '请刷新页面后重试；或在 Excel 中另存为 CSV 后导入。' }
        : { what: `The Excel reader needed for ${f} could not be loaded (${p.detail}).`, todo: 'Reload the page and try again, or save the sheet as CSV in Excel and import that.' };
    case 'not-parquet':
      return zh
        ? { what: `${f}不是 Parquet 文件（Parquet 文件以“PAR1”开头，这个文件不是）。`, todo: '请检查扩展名是否正确；CSV 文件请使用 .csv 扩展名。' }
        : { what: `${f} is not a Parquet file (Parquet files start with “PAR1”; this one does not).`, todo: 'Check that the extension is right; a CSV file should end in .csv.' };
    case 'parquet-truncated':
      return zh
        ? { what: `${f}是不完整的 Parquet 文件：文件末尾缺失（可能下载或复制中断）。`, todo: '请重新下载或复制完整文件后再导入。' }
        : { what: `${f} is an incomplete Parquet file: its end is missing (the download or copy was probably cut short).`, todo: 'Download or copy the whole file again, then import it.' };
    case 'parquet-unreadable':
      return zh
        ? { what: `${f}无法作为 Parquet 读取：${p.detail}`, todo: '文件可能已损坏，或使用了此引擎不支持的压缩方式；请用原程序重新导出（建议 Snappy 或 ZSTD 压缩）。' }
        : { what: `${f} cannot be read as Parquet: ${p.detail}`, todo: 'It may be damaged or use a compression this engine does not support; export it again (Snappy or ZSTD compression works).' };
    case 'json-syntax': {
      const at = p.line !== null ? (zh ? `第 ${p.line} 行第 ${p.column} 列` : `line ${p.line}, column ${p.column}`) : null;
      return zh
        ? { what: `${f}不是有效的 JSON${at ? `：${at}有语法错误` : ''}（${p.detail}）。`, todo: '请检查该处是否缺少逗号、引号或括号；文件应为记录数组，如 [{"名称": "…", "产值": 123}, …]。' }
        : { what: `${f} is not valid JSON${at ? `: syntax error at ${at}` : ''} (${p.detail}).`, todo: 'Check for a missing comma, quote or bracket there; the file should be an array of records such as [{"name": "…", "output": 123}, …].' };
    }
    case 'json-shape':
      return zh
        ? { what: `${f}是有效的 JSON，但不是记录数组（找到的是 ${p.found}）。`, todo: '请导出为对象数组，如 [{"名称": "…", "产值": 123}, …]，或每行一个对象（NDJSON）。' }
        : { what: `${f} is valid JSON but not an array of records (found ${p.found}).`, todo: 'Export it as an array of objects such as [{"name": "…", "output": 123}, …], or one object per line (NDJSON).' };
    case 'no-columns':
      return zh
        ? { what: `${f}${p.sheet ? `的工作表“${p.sheet}”` : ''}没有任何列。`, todo: p.sheet ? '请选择其他工作表，或检查表格是否从第一列开始。' : '请检查文件内容和分隔符。' }
        : { what: `${f}${p.sheet ? `, sheet “${p.sheet}”,` : ''} has no columns.`, todo: p.sheet ? 'Choose another sheet, or check where the table starts.' : 'Check the file’s content and delimiter.' };
    case 'no-rows':
      return zh
        ? { what: `${f}${p.sheet ? `的工作表“${p.sheet}”` : ''}只有表头，没有数据行。`, todo: p.sheet ? '请选择包含数据的工作表，或调整表头所在行。' : '请检查导出时是否选中了数据，或调整表头所在行。' }
        : { what: `${f}${p.sheet ? `, sheet “${p.sheet}”,` : ''} has a header but no data rows.`, todo: p.sheet ? 'Choose a sheet with data, or change the header row.' : 'Check that the export included the data, or change the header row.' };
    case 'limit':
      return limitText(p, zh);
    case 'worker-failed':
      return zh
        ? { what: `读取${f}的后台任务意外停止（${p.detail}），可能是浏览器内存不足。之前载入的表不受影响。`, todo: '请关闭其他标签页后重试，或只导出需要的行和列、转换为 Parquet 后再导入。' }
        : { what: `The background task reading ${f} stopped unexpectedly (${p.detail}); the browser probably ran out of memory for it. Tables loaded earlier are unaffected.`, todo: 'Close other tabs and try again, or export only the rows and columns you need, or convert the file to Parquet.' };
    case 'engine':
      return zh
        ? { what: `查询引擎无法载入${f}：${p.detail}`, todo: '请刷新页面后重试；如仍失败，请将文件另存为 CSV 后导入。' }
        : { what: `The query engine could not load ${f}: ${p.detail}`, todo: 'Reload the page and try again; if it still fails, save the file as CSV and import that.' };
  }
}
