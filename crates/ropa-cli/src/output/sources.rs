//! The spec files as codespan-reporting sees them: lines counted as KDL 2
//! counts them (codespan's own counter knows only `\n`, so a file saved with
//! lone CRs would print as one line), and each line break shown as the
//! `\r`/`\n` bytes that codespan trims from a line's end, of the same length
//! so that every byte offset still points where it did. Control characters
//! and bidi overrides in a line are masked the same way (`crate::visible`).

use std::ops::Range;

use codespan_reporting::files::{Error, Files};
use rayon::prelude::*;
use ropa_check::Workspace;
use ropa_syntax::kdl::lines::{Breaks, lines};

pub struct Sources {
    files: Vec<Source>,
}

struct Source {
    name: String,
    text: String,
    starts: Vec<usize>,
}

impl Sources {
    pub fn of(workspace: &Workspace) -> Sources {
        Sources {
            // Each file's text is copied and masked: on every core.
            files: workspace
                .files
                .par_iter()
                .map(|f| Source::new(crate::visible::escape(&f.path).into_owned(), &f.text))
                .collect(),
        }
    }

    pub fn empty() -> Sources {
        Sources { files: Vec::new() }
    }

    fn get(&self, id: usize) -> Result<&Source, Error> {
        self.files.get(id).ok_or(Error::FileMissing)
    }
}

impl Source {
    fn new(name: String, text: &str) -> Source {
        let mut shown = String::with_capacity(text.len());
        let mut starts = Vec::new();
        for line in lines(text, Breaks::Kdl) {
            starts.push(line.start);
            shown.push_str(&crate::visible::mask_keeping_offsets(&text[line.start..line.end]));
            // Same byte length as the break it stands for.
            shown.push_str(match line.next - line.end {
                0 => "",
                1 => "\n",
                2 => "\r\n",
                _ => "\r\r\n",
            });
        }
        Source {
            name,
            text: shown,
            starts,
        }
    }

    fn line_start(&self, line: usize) -> Result<usize, Error> {
        match self.starts.get(line) {
            Some(start) => Ok(*start),
            None if line == self.starts.len() => Ok(self.text.len()),
            None => Err(Error::LineTooLarge {
                given: line,
                max: self.starts.len().saturating_sub(1),
            }),
        }
    }
}

impl<'a> Files<'a> for Sources {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, Error> {
        Ok(&self.get(id)?.name)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, Error> {
        Ok(&self.get(id)?.text)
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, Error> {
        let starts = &self.get(id)?.starts;
        Ok(starts.partition_point(|start| *start <= byte_index).saturating_sub(1))
    }

    fn line_range(&'a self, id: usize, line: usize) -> Result<Range<usize>, Error> {
        let source = self.get(id)?;
        Ok(source.line_start(line)?..source.line_start(line + 1)?)
    }
}
