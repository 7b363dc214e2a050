namespace OrleansDirect.Media;

/// <summary>Where media bytes live. The default keeps one file per medium in a directory every silo can reach.</summary>
public interface IBlobStore
{
    /// <summary>Appends to a blob (created if missing).</summary>
    Task AppendAsync(string name, ReadOnlyMemory<byte> bytes, CancellationToken cancellation = default);

    /// <summary>Opens a blob for reading, or null when it does not exist.</summary>
    Stream? OpenRead(string name);

    /// <summary>Creates (or replaces) a blob for writing.</summary>
    Stream Create(string name);

    /// <summary>Deletes a blob; no-op when it does not exist.</summary>
    void Delete(string name);

    /// <summary>Whether the blob exists.</summary>
    bool Exists(string name);
}

/// <summary>An <see cref="IBlobStore"/> on a local (or mounted, shared) directory.</summary>
public sealed class DirectoryBlobStore : IBlobStore
{
    private readonly string _directory;

    public DirectoryBlobStore(string directory)
    {
        _directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(_directory);
    }

    public async Task AppendAsync(string name, ReadOnlyMemory<byte> bytes, CancellationToken cancellation = default)
    {
        await using var file = new FileStream(PathOf(name), FileMode.Append, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        await file.WriteAsync(bytes, cancellation);
    }

    public Stream? OpenRead(string name) =>
        File.Exists(PathOf(name)) ? new FileStream(PathOf(name), FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true) : null;

    public Stream Create(string name) => new FileStream(PathOf(name), FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);

    public void Delete(string name) => File.Delete(PathOf(name));

    public bool Exists(string name) => File.Exists(PathOf(name));

    // Names are media ids plus a fixed suffix; anything else is refused so a name can never leave the directory.
    private string PathOf(string name) =>
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.') && !name.Contains("..", StringComparison.Ordinal)
            ? Path.Combine(_directory, name)
            : throw new ArgumentException($"Not a blob name: {name}", nameof(name));
}
