//! The module's exports, a plain C ABI over linear memory:
//!
//! 1. `ropa_input(len)` makes room for a request of `len` bytes and returns
//!    where JavaScript writes it (UTF-8 JSON);
//! 2. `ropa_call()` answers it and returns the answer's length in bytes;
//! 3. `ropa_output()` returns where the answer is, for JavaScript to read.
//!
//! Both buffers are `Vec`s owned here, so Rust never dereferences a pointer
//! it was given: the only unsafe thing is the export attribute itself.

use std::cell::RefCell;

thread_local! {
    static INPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static OUTPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

#[allow(unsafe_code)] // exporting a symbol is an unsafe attribute in Rust 2024
#[unsafe(no_mangle)]
pub extern "C" fn ropa_input(len: u32) -> *mut u8 {
    INPUT.with_borrow_mut(|input| {
        input.clear();
        input.resize(len as usize, 0);
        input.as_mut_ptr()
    })
}

#[allow(unsafe_code)] // exporting a symbol is an unsafe attribute in Rust 2024
#[unsafe(no_mangle)]
pub extern "C" fn ropa_call() -> u32 {
    let request = INPUT.take();
    let answer = match std::str::from_utf8(&request) {
        Ok(text) => crate::call(text),
        Err(_) => crate::request::error("the request is not UTF-8"),
    };
    let len = answer.len() as u32;
    OUTPUT.set(answer.into_bytes());
    len
}

#[allow(unsafe_code)] // exporting a symbol is an unsafe attribute in Rust 2024
#[unsafe(no_mangle)]
pub extern "C" fn ropa_output() -> *const u8 {
    OUTPUT.with_borrow(|output| output.as_ptr())
}
