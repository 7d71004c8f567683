// The device printf interpreter (see device_printf.h). Conversions are parsed strictly: anything the C
// standard leaves undefined for a conversion (a flag without meaning, a length modifier that does not
// apply) is dropped or makes the conversion malformed before the host's snprintf sees it. A malformed
// conversion is printed as written, like glibc does for unknown conversions.
#include "gpu/exec/device_printf.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <limits>

namespace canopy::gpu {

namespace {

enum class Category : uint8_t { Signed, Unsigned, Char, String, Pointer, Float, Percent };

struct Spec {
  bool minus = false, plus = false, space = false, hash = false, zero = false;
  bool width_star = false, precision_star = false;
  int64_t width = -1, precision = -1;  // -1: not given
  std::string_view length;             // "", hh, h, l, ll, z, t, j
  char conversion = 0;
  Category category = Category::Percent;
  size_t end = 0;  // index just past the conversion character
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::optional<Category> category_of(char c) {
  switch (c) {
    case 'd':
    case 'i':
      return Category::Signed;
    case 'u':
    case 'o':
    case 'x':
    case 'X':
      return Category::Unsigned;
    case 'c':
      return Category::Char;
    case 's':
      return Category::String;
    case 'p':
      return Category::Pointer;
    case 'f':
    case 'F':
    case 'e':
    case 'E':
    case 'g':
    case 'G':
    case 'a':
    case 'A':
      return Category::Float;
    case '%':
      return Category::Percent;
    default:
      return std::nullopt;
  }
}

// Parses the specification that follows the '%' at f[pos - 1]; nullopt if it is malformed.
std::optional<Spec> parse_spec(std::string_view f, size_t pos) {
  Spec s;
  const size_t start = pos;
  for (; pos < f.size(); ++pos) {
    const char c = f[pos];
    if (c == '-')
      s.minus = true;
    else if (c == '+')
      s.plus = true;
    else if (c == ' ')
      s.space = true;
    else if (c == '#')
      s.hash = true;
    else if (c == '0')
      s.zero = true;
    else
      break;
  }
  auto number = [&](int64_t& v) {
    v = 0;
    for (; pos < f.size() && is_digit(f[pos]); ++pos)
      if ((v = v * 10 + (f[pos] - '0')) > kPrintfMaxField) return false;
    return true;
  };
  if (pos < f.size() && f[pos] == '*') {
    s.width_star = true;
    ++pos;
  } else if (pos < f.size() && is_digit(f[pos]) && !number(s.width)) {
    return std::nullopt;
  }
  if (pos < f.size() && f[pos] == '.') {
    ++pos;
    if (pos < f.size() && f[pos] == '*') {
      s.precision_star = true;
      ++pos;
    } else if (!number(s.precision)) {
      return std::nullopt;
    }
  }
  for (std::string_view m : {"hh", "h", "ll", "l", "z", "t", "j"}) {
    if (f.substr(pos, m.size()) == m) {
      s.length = m;
      pos += m.size();
      break;
    }
  }
  if (pos >= f.size()) return std::nullopt;
  s.conversion = f[pos];
  s.end = pos + 1;
  auto category = category_of(s.conversion);
  if (!category) return std::nullopt;
  s.category = *category;
  switch (s.category) {
    case Category::Signed:
    case Category::Unsigned:
      break;  // every length modifier applies
    case Category::Float:
      if (!s.length.empty() && s.length != "l") return std::nullopt;
      break;
    case Category::Percent:
      if (pos != start) return std::nullopt;
      break;  // only "%%"
    default:
      if (!s.length.empty()) return std::nullopt;
      break;  // no wide characters or strings
  }
  return s;
}

// Bytes the argument takes in clang's buffer: int-sized unless long, long long, size_t, ptrdiff_t,
// intmax_t, a pointer or a double (float arrives promoted).
unsigned argument_bytes(const Spec& s) {
  if (s.category == Category::Signed || s.category == Category::Unsigned)
    return s.length.empty() || s.length[0] == 'h' ? 4 : 8;
  return s.category == Category::Char ? 4 : 8;
}

// The host conversion specification with the flags that have a defined meaning for the conversion.
std::string host_spec(const Spec& s) {
  const Category c = s.category;
  const bool text = c == Category::Char || c == Category::String || c == Category::Pointer;
  const bool sign = c == Category::Signed || c == Category::Float;
  const bool alternate = c == Category::Float || (c == Category::Unsigned && s.conversion != 'u');
  std::string spec = "%";
  if (s.minus) spec += '-';
  if (s.plus && sign) spec += '+';
  if (s.space && sign) spec += ' ';
  if (s.hash && alternate) spec += '#';
  if (s.zero && !text) spec += '0';
  if (s.width >= 0) spec += std::to_string(s.width);
  if (s.precision >= 0 && c != Category::Char && c != Category::Pointer)
    (spec += '.') += std::to_string(s.precision);
  if (c == Category::Signed || c == Category::Unsigned) spec += "ll";
  spec += s.conversion;
  return spec;
}

template <typename T>
void append_formatted(std::string& out, const std::string& spec, T value) {
  const int n = std::snprintf(nullptr, 0, spec.c_str(), value);
  if (n <= 0) return;
  const size_t old = out.size();
  out.resize(old + static_cast<size_t>(n) + 1);
  std::snprintf(out.data() + old, static_cast<size_t>(n) + 1, spec.c_str(), value);
  out.resize(old + static_cast<size_t>(n));
}

long long signed_value(const Spec& s, uint64_t bits) {
  if (s.length == "hh") return static_cast<int8_t>(bits);
  if (s.length == "h") return static_cast<int16_t>(bits);
  if (s.length.empty()) return static_cast<int32_t>(bits);
  return static_cast<int64_t>(bits);
}

unsigned long long unsigned_value(const Spec& s, uint64_t bits) {
  if (s.length == "hh") return static_cast<uint8_t>(bits);
  if (s.length == "h") return static_cast<uint16_t>(bits);
  if (s.length.empty()) return static_cast<uint32_t>(bits);
  return bits;
}

class Formatter {
 public:
  Formatter(PrintfSource& source, std::string& out) : source_(source), out_(out) {}

  // False if a read failed.
  bool convert(Spec s) {
    uint64_t bits = 0;
    if (s.width_star) {
      if (!next(4, bits)) return false;
      const int64_t w = static_cast<int32_t>(bits);
      if (w < 0) s.minus = true;
      s.width = std::min(w < 0 ? -w : w, kPrintfMaxField);
    }
    if (s.precision_star) {
      if (!next(4, bits)) return false;
      const int64_t p = static_cast<int32_t>(bits);
      s.precision = p < 0 ? -1 : std::min(p, kPrintfMaxField);
    }
    if (!next(argument_bytes(s), bits)) return false;
    const std::string spec = host_spec(s);
    switch (s.category) {
      case Category::Signed:
        append_formatted(out_, spec, signed_value(s, bits));
        break;
      case Category::Unsigned:
        append_formatted(out_, spec, unsigned_value(s, bits));
        break;
      case Category::Char:
        append_formatted(out_, spec, static_cast<int>(static_cast<uint8_t>(bits)));
        break;
      case Category::Pointer:
        append_formatted(out_, spec, reinterpret_cast<void*>(static_cast<uintptr_t>(bits)));
        break;
      case Category::Float: {
        double d;
        std::memcpy(&d, &bits, sizeof d);
        append_formatted(out_, spec, d);
        break;
      }
      case Category::String: {
        // Decision: a null pointer prints "(null)" (as glibc and CUDA do) instead of faulting.
        std::string text = "(null)";
        const uint64_t limit =
            s.precision >= 0 ? static_cast<uint64_t>(s.precision) : std::numeric_limits<uint64_t>::max();
        if (bits != 0 && !source_.string(bits, limit, text)) return false;
        append_formatted(out_, spec, text.c_str());
        break;
      }
      case Category::Percent:
        break;
    }
    return true;
  }

  int used() const { return used_; }

 private:
  bool next(unsigned bytes, uint64_t& bits) {
    offset_ = (offset_ + bytes - 1) / bytes * bytes;
    const bool ok = source_.argument(offset_, bytes, bits);
    offset_ += bytes;
    ++used_;
    return ok;
  }

  PrintfSource& source_;
  std::string& out_;
  uint64_t offset_ = 0;
  int used_ = 0;
};

}  // namespace

std::optional<int> format_device_printf(std::string_view f, PrintfSource& source, std::string& out) {
  Formatter formatter(source, out);
  size_t i = 0;
  while (i < f.size()) {
    const size_t percent = f.find('%', i);
    if (percent == std::string_view::npos) {
      out.append(f.substr(i));
      break;
    }
    out.append(f.substr(i, percent - i));
    const std::optional<Spec> spec = parse_spec(f, percent + 1);
    if (!spec) {  // printed as written: the '%' now, the rest as ordinary text
      out += '%';
      i = percent + 1;
      continue;
    }
    i = spec->end;
    if (spec->category == Category::Percent) {
      out += '%';
      continue;
    }
    const int needed = 1 + spec->width_star + spec->precision_star;
    if (formatter.used() + needed > kPrintfMaxArguments) {
      out.append(f.substr(percent, spec->end - percent));
      continue;
    }
    if (!formatter.convert(*spec)) return std::nullopt;
  }
  return formatter.used();
}

}  // namespace canopy::gpu
