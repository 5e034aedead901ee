<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ErrorReporter</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>GuiMain</name>
    <message>
        <source>MatteStudio desktop application. Use &apos;mattestudio --batch --help&apos; for the command line.</source>
        <translation>MatteStudio 桌面应用程序。命令行用法请见 &apos;mattestudio --batch --help&apos;。</translation>
    </message>
    <message>
        <source>Project folder to open.</source>
        <translation>要打开的项目文件夹。</translation>
    </message>
    <message>
        <source>Open the built-in demo project.</source>
        <translation>打开内置的演示项目。</translation>
    </message>
    <message>
        <source>Folder for the demo project.</source>
        <translation>演示项目所在的文件夹。</translation>
    </message>
    <message>
        <source>Interface language: en, de, zh_CN.</source>
        <translation>界面语言：en、de、zh_CN。</translation>
    </message>
</context>
<context>
    <name>ms::ui::CheckpointBrowser</name>
    <message>
        <source>Not a usable checkpoint</source>
        <translation>不是可用的检查点</translation>
    </message>
    <message>
        <source>%1 cannot be used for matting or training.</source>
        <translation>%1 无法用于抠图或训练。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Load report — %1</source>
        <translation>加载报告 — %1</translation>
    </message>
    <message>
        <source>Converted %1 to %2</source>
        <translation>已将 %1 转换为 %2</translation>
    </message>
    <message>
        <source>Add a checkpoint folder</source>
        <translation>添加检查点文件夹</translation>
    </message>
    <message>
        <source>Open a checkpoint</source>
        <translation>打开检查点</translation>
    </message>
    <message>
        <source>Checkpoints (*.pth *.pt *.safetensors *.ckpt);;All files (*)</source>
        <translation>检查点 (*.pth *.pt *.safetensors *.ckpt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Conversion failed</source>
        <translation>转换失败</translation>
    </message>
    <message>
        <source>%1 could not be converted.</source>
        <translation>无法转换 %1。</translation>
    </message>
    <message>
        <source>Cannot load the checkpoint</source>
        <translation>无法加载检查点</translation>
    </message>
    <message>
        <source>%1 does not load into a network.</source>
        <translation>%1 无法加载到网络中。</translation>
    </message>
    <message>
        <source>Checkpoint problem</source>
        <translation>检查点问题</translation>
    </message>
    <message>
        <source>TorchScript</source>
        <translation>TorchScript</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Best checkpoint of %1 (lowest validation loss)</source>
        <translation>%1 的最佳检查点（验证损失最低）</translation>
    </message>
    <message>
        <source>Cannot open the checkpoint</source>
        <translation>无法打开检查点</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 不存在。</translation>
    </message>
    <message>
        <source>No project</source>
        <translation>没有项目</translation>
    </message>
    <message>
        <source>Open or create a project first.</source>
        <translation>请先打开或创建一个项目。</translation>
    </message>
    <message>
        <source>Cannot resume from this checkpoint</source>
        <translation>无法从此检查点继续</translation>
    </message>
    <message>
        <source>Only checkpoints written by a MatteStudio training run (with their .json and .state files beside them) can be resumed exactly. To start a new run from these weights, set them as the training&apos;s initial checkpoint.</source>
        <translation>只有 MatteStudio 训练生成的检查点（旁边带有 .json 和 .state 文件）才能精确继续训练。若要用这些权重开始新的训练，请将其设为训练的初始权重。</translation>
    </message>
    <message>
        <source>Compare checkpoints</source>
        <translation>比较检查点</translation>
    </message>
    <message>
        <source>Select exactly two checkpoints (Ctrl+click) to compare them on the same image.</source>
        <translation>请选择恰好两个检查点（Ctrl+单击），以便在同一图像上比较它们。</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Convert checkpoint</source>
        <translation>转换检查点</translation>
    </message>
    <message>
        <source>PyTorch checkpoint (*.pth)</source>
        <translation>PyTorch 检查点 (*.pth)</translation>
    </message>
    <message>
        <source>safetensors (*.safetensors)</source>
        <translation>safetensors (*.safetensors)</translation>
    </message>
    <message>
        <source>Overwrite?</source>
        <translation>覆盖？</translation>
    </message>
    <message>
        <source>%1 exists already. Replace it?</source>
        <translation>%1 已存在。要替换它吗？</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Converting %1…</source>
        <translation>正在转换 %1…</translation>
    </message>
    <message>
        <source>Delete checkpoints</source>
        <translation>删除检查点</translation>
    </message>
    <message>
        <source>Delete %1 checkpoint file(s) with their training state and metadata? This cannot be undone.</source>
        <translation>删除 %1 个检查点文件及其训练状态和元数据？此操作无法撤销。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Deleted %1</source>
        <translation>已删除 %1</translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>无法删除</translation>
    </message>
    <message>
        <source>%1 could not be deleted.</source>
        <translation>无法删除 %1。</translation>
    </message>
    <message>
        <source>TorchScript archive: usable for matting, not for training</source>
        <translation>TorchScript 归档：可用于抠图，不可用于训练</translation>
    </message>
    <message>
        <source>%1 with a %2 backbone</source>
        <translation>%1，骨干网络 %2</translation>
    </message>
    <message>
        <source>, %1 format</source>
        <translation>，格式 %1</translation>
    </message>
    <message>
        <source>, %1 tensors</source>
        <translation>，%1 个张量</translation>
    </message>
    <message>
        <source>, written by MatteStudio (epoch %1, step %2)</source>
        <translation>，由 MatteStudio 写入（第 %1 轮，第 %2 步）</translation>
    </message>
    <message>
        <source>No checkpoints yet. Train a model, or open a .pth / .safetensors / TorchScript file.</source>
        <translation>还没有检查点。请训练一个模型，或打开 .pth / .safetensors / TorchScript 文件。</translation>
    </message>
    <message>
        <source>Select a checkpoint to see its details.</source>
        <translation>选择一个检查点以查看详细信息。</translation>
    </message>
    <message>
        <source>Backbone scale</source>
        <translation>骨干网络缩放</translation>
    </message>
    <message>
        <source>Validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Valid loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Train loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation>骨干网络</translation>
    </message>
    <message>
        <source>Filter by name, type, backbone…</source>
        <translation>按名称、类型、骨干网络筛选…</translation>
    </message>
    <message>
        <source>Add a folder of checkpoints to the list</source>
        <translation>将一个检查点文件夹添加到列表</translation>
    </message>
    <message>
        <source>Open a .pth, .safetensors or TorchScript file</source>
        <translation>打开 .pth、.safetensors 或 TorchScript 文件</translation>
    </message>
    <message>
        <source>Scan the folders again</source>
        <translation>重新扫描文件夹</translation>
    </message>
    <message>
        <source>Matte</source>
        <translation>抠图</translation>
    </message>
    <message>
        <source>Use this checkpoint in the Matting panel</source>
        <translation>在抠图面板中使用此检查点</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Continue the training run from this checkpoint</source>
        <translation>从此检查点继续训练</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Compare two selected checkpoints side by side on the same image</source>
        <translation>在同一图像上并排比较两个选中的检查点</translation>
    </message>
    <message>
        <source>Load report</source>
        <translation>加载报告</translation>
    </message>
    <message>
        <source>How the file&apos;s tensors load into the network</source>
        <translation>文件中的张量如何加载到网络中</translation>
    </message>
    <message>
        <source>More</source>
        <translation>更多</translation>
    </message>
    <message>
        <source>Convert to .pth…</source>
        <translation>转换为 .pth…</translation>
    </message>
    <message>
        <source>Convert to .safetensors…</source>
        <translation>转换为 .safetensors…</translation>
    </message>
    <message>
        <source>Show in file manager</source>
        <translation>在文件管理器中显示</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>%1 checkpoint(s) of %2 model(s), %3 shown</source>
        <translation>%2 个模型的 %1 个检查点，显示 %3 个</translation>
    </message>
    <message>
        <source>No project open</source>
        <translation>未打开项目</translation>
    </message>
</context>
<context>
    <name>ms::ui::CurvePlot</name>
    <message>
        <source>Export plot as PNG</source>
        <translation>将图表导出为 PNG</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>%1 could not be written.</source>
        <translation>无法写入 %1。</translation>
    </message>
    <message>
        <source>Export data as CSV</source>
        <translation>将数据导出为 CSV</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>Autoscale</source>
        <translation>自动缩放</translation>
    </message>
    <message>
        <source>Fit the view to the data again (after zooming with the wheel or panning)</source>
        <translation>重新使视图适应数据（在用滚轮缩放或平移之后）</translation>
    </message>
    <message>
        <source>PNG…</source>
        <translation>PNG…</translation>
    </message>
    <message>
        <source>Export the plot as an image</source>
        <translation>将图表导出为图像</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>Export the data as a table</source>
        <translation>将数据导出为表格</translation>
    </message>
    <message>
        <source>Values at the step under the mouse</source>
        <translation>鼠标所在步数处的数值</translation>
    </message>
</context>
<context>
    <name>ms::ui::LivePanel</name>
    <message>
        <source>%1, %2 × %3 at %4 frames/s</source>
        <translation>%1，%2 × %3，%4 帧/秒</translation>
    </message>
    <message>
        <source>Live view: %1 with %2</source>
        <translation>实时视图：%1，使用 %2</translation>
    </message>
    <message>
        <source>Recorded %1 frame(s) to %2</source>
        <translation>已将 %1 帧录制到 %2</translation>
    </message>
    <message>
        <source>Video standing in for a camera</source>
        <translation>代替摄像头的视频</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.m4v *.mov *.avi *.mkv *.webm);;All files (*)</source>
        <translation>视频 (*.mp4 *.m4v *.mov *.avi *.mkv *.webm);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Checkpoints (*.pth *.pt *.safetensors *.ckpt);;All files (*)</source>
        <translation>检查点 (*.pth *.pt *.safetensors *.ckpt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Folder for recordings</source>
        <translation>录制文件夹</translation>
    </message>
    <message>
        <source>Photo of the empty scene</source>
        <translation>空场景照片</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp)</translation>
    </message>
    <message>
        <source>Background colour</source>
        <translation>背景颜色</translation>
    </message>
    <message>
        <source>New background image</source>
        <translation>新背景图像</translation>
    </message>
    <message>
        <source>Choose a checkpoint.</source>
        <translation>请选择一个检查点。</translation>
    </message>
    <message>
        <source>The checkpoint %1 does not exist.</source>
        <translation>检查点 %1 不存在。</translation>
    </message>
    <message>
        <source>Choose a video file, or switch the source to a camera.</source>
        <translation>请选择一个视频文件，或将输入源切换为摄像头。</translation>
    </message>
    <message>
        <source>The video %1 does not exist.</source>
        <translation>视频 %1 不存在。</translation>
    </message>
    <message>
        <source>Cannot start the live view yet</source>
        <translation>暂时无法启动实时视图</translation>
    </message>
    <message>
        <source>Cannot record</source>
        <translation>无法录制</translation>
    </message>
    <message>
        <source>Choose a folder for recordings that can be written.</source>
        <translation>请选择一个可写入的录制文件夹。</translation>
    </message>
    <message>
        <source>%1 frames/s</source>
        <translation>%1 帧/秒</translation>
    </message>
    <message>
        <source>Camera picture: not matted yet</source>
        <translation>摄像头画面：尚未抠图</translation>
    </message>
    <message>
        <source>The live view stopped</source>
        <translation>实时视图已停止</translation>
    </message>
    <message>
        <source>The live view stopped by itself.</source>
        <translation>实时视图自行停止了。</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Cannot start the live view</source>
        <translation>无法启动实时视图</translation>
    </message>
    <message>
        <source>The source or the checkpoint could not be opened.</source>
        <translation>无法打开输入源或检查点。</translation>
    </message>
    <message>
        <source>Cannot use this background</source>
        <translation>无法使用此背景</translation>
    </message>
    <message>
        <source>The photo cannot be the clean plate.</source>
        <translation>此照片不能用作空场景背景。</translation>
    </message>
    <message>
        <source>Recording failed</source>
        <translation>录制失败</translation>
    </message>
    <message>
        <source>The live output could not be recorded.</source>
        <translation>无法录制实时输出。</translation>
    </message>
    <message>
        <source>Setting not applied</source>
        <translation>设置未应用</translation>
    </message>
    <message>
        <source>The live view keeps its previous setting.</source>
        <translation>实时视图保留之前的设置。</translation>
    </message>
    <message>
        <source>Opening the source and loading the network…</source>
        <translation>正在打开输入源并加载网络…</translation>
    </message>
    <message>
        <source>Step out of the picture and press “Capture background”; matting starts then.</source>
        <translation>请走出画面并按“采集背景”，随后开始抠图。</translation>
    </message>
    <message>
        <source>%1 frames/s, latency %2 ms (p90 %3 ms), network %4 ms</source>
        <translation>%1 帧/秒，延迟 %2 毫秒（p90 %3 毫秒），网络 %4 毫秒</translation>
    </message>
    <message>
        <source>%1 of %2 source frames dropped (the network was busy)</source>
        <translation>%2 个源帧中丢弃了 %1 个（网络繁忙）</translation>
    </message>
    <message>
        <source>recording %1 frames to %2</source>
        <translation>正在将 %1 帧录制到 %2</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Capture background again</source>
        <translation>重新采集背景</translation>
    </message>
    <message>
        <source>Capture background</source>
        <translation>采集背景</translation>
    </message>
    <message>
        <source>Stop recording</source>
        <translation>停止录制</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>录制</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>输入源</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>摄像头</translation>
    </message>
    <message>
        <source>Video file (stands in for a camera)</source>
        <translation>视频文件（代替摄像头）</translation>
    </message>
    <message>
        <source>Cameras are opened through OpenCV; a video file plays at its own frame rate and loops</source>
        <translation>摄像头通过 OpenCV 打开；视频文件按其自身帧率循环播放</translation>
    </message>
    <message>
        <source>Camera:</source>
        <translation>摄像头：</translation>
    </message>
    <message>
        <source>The camera&apos;s number: 0 is the first one the system lists</source>
        <translation>摄像头编号：0 为系统列出的第一个摄像头</translation>
    </message>
    <message>
        <source>Video:</source>
        <translation>视频：</translation>
    </message>
    <message>
        <source>Choose a video file</source>
        <translation>选择视频文件</translation>
    </message>
    <message>
        <source>Frame size:</source>
        <translation>帧尺寸：</translation>
    </message>
    <message>
        <source>as the source delivers</source>
        <translation>与输入源一致</translation>
    </message>
    <message>
        <source>Smaller frames matte faster; cameras are asked for this size</source>
        <translation>帧越小抠图越快；会向摄像头请求此尺寸</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Checkpoint:</source>
        <translation>检查点：</translation>
    </message>
    <message>
        <source>.pth, .safetensors or TorchScript file</source>
        <translation>.pth、.safetensors 或 TorchScript 文件</translation>
    </message>
    <message>
        <source>Choose a checkpoint file</source>
        <translation>选择检查点文件</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Composite onto:</source>
        <translation>合成到：</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>绿色</translation>
    </message>
    <message>
        <source>White</source>
        <translation>白色</translation>
    </message>
    <message>
        <source>Black</source>
        <translation>黑色</translation>
    </message>
    <message>
        <source>Solid colour…</source>
        <translation>纯色…</translation>
    </message>
    <message>
        <source>Image…</source>
        <translation>图像…</translation>
    </message>
    <message>
        <source>Recordings:</source>
        <translation>录制文件夹：</translation>
    </message>
    <message>
        <source>folder for live-&lt;date&gt;-&lt;time&gt;.mp4</source>
        <translation>存放 live-&lt;date&gt;-&lt;time&gt;.mp4 的文件夹</translation>
    </message>
    <message>
        <source>Choose the folder for recordings</source>
        <translation>选择录制文件夹</translation>
    </message>
    <message>
        <source>Grab the next frame as the clean plate: the scene without the person</source>
        <translation>将下一帧采集为空场景背景：即不含人物的场景</translation>
    </message>
    <message>
        <source>Use a photo of the empty scene as the clean plate (the source&apos;s size)</source>
        <translation>使用一张空场景照片作为空场景背景（尺寸与输入源相同）</translation>
    </message>
    <message>
        <source>Record what is shown, in real time, to an MPEG-4 video</source>
        <translation>将显示的内容实时录制为 MPEG-4 视频</translation>
    </message>
    <message>
        <source>Choose a camera or a video, then Start. Step out of the picture, press “Capture background”, and step back in.</source>
        <translation>请选择摄像头或视频，然后点击开始。走出画面，按“采集背景”，再回到画面中。</translation>
    </message>
</context>
<context>
    <name>ms::ui::LogPanel</name>
    <message>
        <source>All messages</source>
        <translation>所有消息</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>警告和错误</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>仅错误</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy the selected messages (all when none is selected)</source>
        <translation>复制选中的消息（未选中时复制全部）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Warnings: %1 · Errors: %2</source>
        <translation>警告：%1 · 错误：%2</translation>
    </message>
</context>
<context>
    <name>ms::ui::MainWindow</name>
    <message>
        <source>Open a checkpoint</source>
        <translation>打开检查点</translation>
    </message>
    <message>
        <source>Checkpoints (*.pth *.pt *.safetensors *.ckpt);;All files (*)</source>
        <translation>检查点 (*.pth *.pt *.safetensors *.ckpt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>About MatteStudio</source>
        <translation>关于 MatteStudio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;MatteStudio %1&lt;/h3&gt;&lt;p&gt;Training and inference for BackgroundMattingV2 networks (MattingBase, MattingRefine; ResNet-50, ResNet-101, MobileNetV2), with checkpoints that move freely between MatteStudio and the Python reference.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;MatteStudio %1&lt;/h3&gt;&lt;p&gt;BackgroundMattingV2 网络（MattingBase、MattingRefine；ResNet-50、ResNet-101、MobileNetV2）的训练与推理，检查点可在 MatteStudio 与 Python 参考实现之间自由互换。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <source>The project in %1 could not be opened.</source>
        <translation>无法打开位于 %1 的项目。</translation>
    </message>
    <message>
        <source>Cannot create the project</source>
        <translation>无法创建项目</translation>
    </message>
    <message>
        <source>No project could be created in %1.</source>
        <translation>无法在 %1 中创建项目。</translation>
    </message>
    <message>
        <source>Preparing the demo project (synthetic dataset, sample images)…</source>
        <translation>正在准备演示项目（合成数据集、示例图像）…</translation>
    </message>
    <message>
        <source>Preparing the demo project in %1</source>
        <translation>正在 %1 中准备演示项目</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>Cannot prepare the demo project</source>
        <translation>无法准备演示项目</translation>
    </message>
    <message>
        <source>The demo project could not be written to %1.</source>
        <translation>无法将演示项目写入 %1。</translation>
    </message>
    <message>
        <source>Opened project %1 (%2)</source>
        <translation>已打开项目 %1（%2）</translation>
    </message>
    <message>
        <source>Cannot save the project</source>
        <translation>无法保存项目</translation>
    </message>
    <message>
        <source>The project settings could not be saved.</source>
        <translation>无法保存项目设置。</translation>
    </message>
    <message>
        <source>Training is running</source>
        <translation>训练正在进行</translation>
    </message>
    <message>
        <source>Stop the training run? It saves a checkpoint first, so it can be resumed later.</source>
        <translation>停止训练？停止前会先保存检查点，以便之后继续。</translation>
    </message>
    <message>
        <source>Stop training</source>
        <translation>停止训练</translation>
    </message>
    <message>
        <source>Training did not stop</source>
        <translation>训练未能停止</translation>
    </message>
    <message>
        <source>The training run did not stop in time; try again.</source>
        <translation>训练未能及时停止，请重试。</translation>
    </message>
    <message>
        <source>Open project folder</source>
        <translation>打开项目文件夹</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>%1 — MatteStudio</source>
        <translation>%1 — MatteStudio</translation>
    </message>
    <message>
        <source>MatteStudio</source>
        <translation>MatteStudio</translation>
    </message>
    <message>
        <source>No project open</source>
        <translation>未打开项目</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>最近的项目</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>新建项目…</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <source>Demo project</source>
        <translation>演示项目</translation>
    </message>
    <message>
        <source>Open the built-in demo project (synthetic dataset)</source>
        <translation>打开内置演示项目（合成数据集）</translation>
    </message>
    <message>
        <source>Open checkpoint file…</source>
        <translation>打开检查点文件…</translation>
    </message>
    <message>
        <source>Close project</source>
        <translation>关闭项目</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Device:</source>
        <translation>设备：</translation>
    </message>
    <message>
        <source>Where training and matting run</source>
        <translation>训练和抠图运行的设备</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>线程：</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>全部核心</translation>
    </message>
    <message>
        <source>Compute threads for the network (0: every core)</source>
        <translation>网络计算线程数（0：全部核心）</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Matting</source>
        <translation>抠图</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>实时</translation>
    </message>
</context>
<context>
    <name>ms::ui::MattingForm</name>
    <message>
        <source>Checkpoints (*.pth *.pt *.safetensors *.ckpt);;All files (*)</source>
        <translation>检查点 (*.pth *.pt *.safetensors *.ckpt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Checkpoint to compare with</source>
        <translation>用于比较的检查点</translation>
    </message>
    <message>
        <source>Source images and videos</source>
        <translation>源图像和视频</translation>
    </message>
    <message>
        <source>Images and videos (%1 %2);;Images (%1);;Videos (%2)</source>
        <translation>图像和视频 (%1 %2);;图像 (%1);;视频 (%2)</translation>
    </message>
    <message>
        <source>Folder of source images</source>
        <translation>源图像文件夹</translation>
    </message>
    <message>
        <source>One background for all sources</source>
        <translation>所有源图像共用一个背景</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>图像 (%1)</translation>
    </message>
    <message>
        <source>Folder of backgrounds (paired by name)</source>
        <translation>背景文件夹（按名称配对）</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>Choose a checkpoint.</source>
        <translation>请选择一个检查点。</translation>
    </message>
    <message>
        <source>The checkpoint %1 does not exist.</source>
        <translation>检查点 %1 不存在。</translation>
    </message>
    <message>
        <source>The checkpoint to compare with does not exist.</source>
        <translation>用于比较的检查点不存在。</translation>
    </message>
    <message>
        <source>Add source images (button, folder or drag and drop).</source>
        <translation>请添加源图像（按钮、文件夹或拖放）。</translation>
    </message>
    <message>
        <source>Choose the captured background: one image for all, or a folder with one per source.</source>
        <translation>请选择拍摄的背景：所有图像共用一张，或一个文件夹，每张源图像对应一张。</translation>
    </message>
    <message>
        <source>Finding the images in the chosen files and folders…</source>
        <translation>正在所选文件和文件夹中查找图像…</translation>
    </message>
    <message>
        <source>The images cannot be paired: %1</source>
        <translation>无法配对图像：%1</translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation>请选择输出文件夹。</translation>
    </message>
    <message>
        <source>Select at least one output type.</source>
        <translation>请至少选择一种输出类型。</translation>
    </message>
    <message>
        <source>Not loaded.</source>
        <translation>未加载。</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Checkpoint:</source>
        <translation>检查点：</translation>
    </message>
    <message>
        <source>.pth, .safetensors or TorchScript file</source>
        <translation>.pth、.safetensors 或 TorchScript 文件</translation>
    </message>
    <message>
        <source>Choose a checkpoint file</source>
        <translation>选择检查点文件</translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation>比较对象：</translation>
    </message>
    <message>
        <source>optional second checkpoint</source>
        <translation>可选的第二个检查点</translation>
    </message>
    <message>
        <source>Choose a checkpoint to compare with</source>
        <translation>选择用于比较的检查点</translation>
    </message>
    <message>
        <source>Align each background to its source (ORB + homography)</source>
        <translation>将每个背景与其源图像对齐（ORB + 单应性）</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>源图像</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>背景</translation>
    </message>
    <message>
        <source>Add images or videos…</source>
        <translation>添加图像或视频…</translation>
    </message>
    <message>
        <source>A video is matted frame by frame with one background, like --batch matte-video</source>
        <translation>视频使用同一个背景逐帧抠图，与 --batch matte-video 相同</translation>
    </message>
    <message>
        <source>Add folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Backgrounds:</source>
        <translation>背景：</translation>
    </message>
    <message>
        <source>one image for all, or a folder (paired by name)</source>
        <translation>所有图像共用一张，或一个文件夹（按名称配对）</translation>
    </message>
    <message>
        <source>One background image for every source</source>
        <translation>所有源图像共用一张背景图像</translation>
    </message>
    <message>
        <source>A folder of backgrounds, paired with the sources by name</source>
        <translation>背景文件夹，按名称与源图像配对</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Choose the output folder</source>
        <translation>选择输出文件夹</translation>
    </message>
    <message>
        <source>Save:</source>
        <translation>保存：</translation>
    </message>
    <message>
        <source>Composite: the foreground with the alpha as transparency (RGBA PNG)</source>
        <translation>合成图：以 alpha 作为透明度的前景（RGBA PNG）</translation>
    </message>
    <message>
        <source>Alpha matte</source>
        <translation>Alpha 遮罩</translation>
    </message>
    <message>
        <source>Foreground colours</source>
        <translation>前景颜色</translation>
    </message>
    <message>
        <source>Error map of the coarse pass</source>
        <translation>粗略阶段的误差图</translation>
    </message>
    <message>
        <source>Where the refiner worked</source>
        <translation>细化器处理过的区域</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>File format of pha, fgr, err and ref (com is always PNG)</source>
        <translation>pha、fgr、err 和 ref 的文件格式（com 始终为 PNG）</translation>
    </message>
    <message>
        <source>8 bit</source>
        <translation>8 位</translation>
    </message>
    <message>
        <source>16 bit (PNG)</source>
        <translation>16 位（PNG）</translation>
    </message>
    <message>
        <source>Composite onto:</source>
        <translation>合成到：</translation>
    </message>
    <message>
        <source>transparency; or a colour (green, #RRGGBB) or an image path</source>
        <translation>透明；或颜色（green、#RRGGBB）或图像路径</translation>
    </message>
</context>
<context>
    <name>ms::ui::MattingPanel</name>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Cannot preview yet</source>
        <translation>暂时无法预览</translation>
    </message>
    <message>
        <source>Cannot save yet</source>
        <translation>暂时无法保存</translation>
    </message>
    <message>
        <source>Overwrite files?</source>
        <translation>覆盖文件？</translation>
    </message>
    <message>
        <source>%1 output file(s) exist already in %2. Overwrite them? Nothing else in the folder is touched.</source>
        <translation>%2 中已存在 %1 个输出文件。要覆盖它们吗？文件夹中的其他内容不会被改动。</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <source>Invalid output settings</source>
        <translation>输出设置无效</translation>
    </message>
    <message>
        <source>The output settings cannot be used.</source>
        <translation>无法使用这些输出设置。</translation>
    </message>
</context>
<context>
    <name>ms::ui::MattingRunController</name>
    <message>
        <source>Cannot load the comparison checkpoint</source>
        <translation>无法加载用于比较的检查点</translation>
    </message>
    <message>
        <source>%1 could not be loaded; the comparison is off.</source>
        <translation>无法加载 %1；比较已关闭。</translation>
    </message>
    <message>
        <source>Comparison failed</source>
        <translation>比较失败</translation>
    </message>
    <message>
        <source>The second checkpoint could not matte this image.</source>
        <translation>第二个检查点无法对此图像抠图。</translation>
    </message>
    <message>
        <source>%1 × %2 px in %3 s</source>
        <translation>%1 × %2 像素，用时 %3 秒</translation>
    </message>
    <message>
        <source>· %1 left</source>
        <translation>· 剩余 %1</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>Backdrop colour</source>
        <translation>背景颜色</translation>
    </message>
    <message>
        <source>New background image</source>
        <translation>新背景图像</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>图像 (%1)</translation>
    </message>
    <message>
        <source>Cannot read the image</source>
        <translation>无法读取图像</translation>
    </message>
    <message>
        <source>%1 is not an image this application can read.</source>
        <translation>%1 不是本程序可读取的图像。</translation>
    </message>
    <message>
        <source>Cancelling after the images in flight…</source>
        <translation>处理完当前图像后取消…</translation>
    </message>
    <message>
        <source>Loaded %1: %2 (%3)</source>
        <translation>已加载 %1：%2（%3）</translation>
    </message>
    <message>
        <source>Matting %1 image pair(s) into %2</source>
        <translation>正在将 %1 对图像抠图并输出到 %2</translation>
    </message>
    <message>
        <source>Cannot load the checkpoint</source>
        <translation>无法加载检查点</translation>
    </message>
    <message>
        <source>%1 could not be loaded for matting.</source>
        <translation>无法加载 %1 用于抠图。</translation>
    </message>
    <message>
        <source>Preview failed</source>
        <translation>预览失败</translation>
    </message>
    <message>
        <source>This image pair could not be matted.</source>
        <translation>无法对此图像对抠图。</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Saving failed</source>
        <translation>保存失败</translation>
    </message>
    <message>
        <source>The images could not be matted and saved.</source>
        <translation>无法对图像抠图并保存。</translation>
    </message>
    <message>
        <source>Cancelled: %1 saved</source>
        <translation>已取消：已保存 %1 个</translation>
    </message>
    <message>
        <source>%1 saved</source>
        <translation>已保存 %1 个</translation>
    </message>
    <message>
        <source>Saved the outputs of %1 image pair(s) into %2</source>
        <translation>已将 %1 对图像的输出保存到 %2</translation>
    </message>
    <message>
        <source>Skipped: %1</source>
        <translation>已跳过：%1</translation>
    </message>
    <message>
        <source>Some images were skipped</source>
        <translation>部分图像被跳过</translation>
    </message>
    <message>
        <source>%1 of %2 image pair(s) could not be matted; the others were saved.</source>
        <translation>%2 对图像中有 %1 对无法抠图；其余已保存。</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Matte the selected pair and show it</source>
        <translation>对选中的图像对抠图并显示</translation>
    </message>
    <message>
        <source>Matte and save all</source>
        <translation>全部抠图并保存</translation>
    </message>
    <message>
        <source>Images as --batch matte writes them; each video into &lt;output&gt;/&lt;name&gt;/&lt;type&gt;.mp4</source>
        <translation>图像的保存方式与 --batch matte 相同；每个视频保存到 &lt;output&gt;/&lt;name&gt;/&lt;type&gt;.mp4</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Composite</source>
        <translation>合成图</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>Alpha</translation>
    </message>
    <message>
        <source>Foreground</source>
        <translation>前景</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>误差</translation>
    </message>
    <message>
        <source>Refinement</source>
        <translation>细化区域</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>源图像</translation>
    </message>
    <message>
        <source>Checkerboard</source>
        <translation>棋盘格</translation>
    </message>
    <message>
        <source>Solid colour…</source>
        <translation>纯色…</translation>
    </message>
    <message>
        <source>Background image…</source>
        <translation>背景图像…</translation>
    </message>
    <message>
        <source>Before/after</source>
        <translation>前后对比</translation>
    </message>
    <message>
        <source>Source on the left of the divider, the result on the right; drag the divider</source>
        <translation>分隔线左侧为源图像，右侧为结果；可拖动分隔线</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>1:1</source>
        <translation>1:1</translation>
    </message>
    <message>
        <source>One image pixel per screen pixel</source>
        <translation>每个图像像素对应一个屏幕像素</translation>
    </message>
</context>
<context>
    <name>ms::ui::NewProjectDialog</name>
    <message>
        <source>Project folder</source>
        <translation>项目文件夹</translation>
    </message>
    <message>
        <source>Dataset folder</source>
        <translation>数据集文件夹</translation>
    </message>
    <message>
        <source>Give the project a name.</source>
        <translation>请为项目命名。</translation>
    </message>
    <message>
        <source>Choose a folder for the project.</source>
        <translation>请为项目选择一个文件夹。</translation>
    </message>
    <message>
        <source>This folder holds a project already; open it instead.</source>
        <translation>此文件夹已包含一个项目，请直接打开它。</translation>
    </message>
    <message>
        <source>The project folder is a file.</source>
        <translation>项目文件夹是一个文件。</translation>
    </message>
    <message>
        <source>The dataset folder does not exist.</source>
        <translation>数据集文件夹不存在。</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Dataset (optional):</source>
        <translation>数据集（可选）：</translation>
    </message>
    <message>
        <source>folder with dataset.json; can be set later</source>
        <translation>包含 dataset.json 的文件夹；也可以稍后设置</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ms::ui::PreviewView</name>
    <message>
        <source>Before</source>
        <translation>之前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>之后</translation>
    </message>
    <message>
        <source>Pick a checkpoint and images, then Preview. Drop image files here to add them.</source>
        <translation>选择检查点和图像，然后点击预览。可将图像文件拖放到此处添加。</translation>
    </message>
</context>
<context>
    <name>ms::ui::RefineForm</name>
    <message>
        <source>Refine mode:</source>
        <translation>细化模式：</translation>
    </message>
    <message>
        <source>full (every pixel)</source>
        <translation>完整（每个像素）</translation>
    </message>
    <message>
        <source>sampling (fixed pixel count)</source>
        <translation>采样（固定像素数）</translation>
    </message>
    <message>
        <source>thresholding (error above threshold)</source>
        <translation>阈值（误差高于阈值）</translation>
    </message>
    <message>
        <source>How the refiner picks the pixels it refines at full resolution (MattingRefine; a MattingBase checkpoint ignores these settings)</source>
        <translation>细化器如何选择要以全分辨率细化的像素（MattingRefine；MattingBase 检查点会忽略这些设置）</translation>
    </message>
    <message>
        <source>Sample pixels:</source>
        <translation>采样像素：</translation>
    </message>
    <message>
        <source>Threshold:</source>
        <translation>阈值：</translation>
    </message>
    <message>
        <source>Backbone scale:</source>
        <translation>骨干网络缩放：</translation>
    </message>
    <message>
        <source>Resolution of the coarse pass relative to the image (MattingRefine)</source>
        <translation>粗略阶段相对于图像的分辨率（MattingRefine）</translation>
    </message>
</context>
<context>
    <name>ms::ui::ScreenshotTour</name>
    <message>
        <source>Before training (untrained network)</source>
        <translation>训练前（未训练的网络）</translation>
    </message>
    <message>
        <source>After the demo&apos;s training run</source>
        <translation>演示训练完成后</translation>
    </message>
</context>
<context>
    <name>ms::ui::TextDialog</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ms::ui::TrainingForm</name>
    <message>
        <source>optional: warm start from a checkpoint</source>
        <translation>可选：从检查点热启动</translation>
    </message>
    <message>
        <source>optional: DeepLabV3 / torchvision weights</source>
        <translation>可选：DeepLabV3 / torchvision 权重</translation>
    </message>
    <message>
        <source>folder with dataset.json</source>
        <translation>包含 dataset.json 的文件夹</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>无限制</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <source>%1
Default: %2</source>
        <translation>%1
默认：%2</translation>
    </message>
    <message>
        <source>Base (MattingBase, coarse network)</source>
        <translation>基础（MattingBase，粗略网络）</translation>
    </message>
    <message>
        <source>Refine (MattingRefine, full resolution)</source>
        <translation>细化（MattingRefine，全分辨率）</translation>
    </message>
    <message>
        <source>Stage defaults</source>
        <translation>阶段默认值</translation>
    </message>
    <message>
        <source>Reset sizes, intervals and refinement to the reference&apos;s defaults for this stage</source>
        <translation>将尺寸、间隔和细化设置重置为参考实现在此阶段的默认值</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Look through the dataset&apos;s files and report what the engine finds</source>
        <translation>检查数据集的文件并报告引擎发现的情况</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>训练计划</translation>
    </message>
    <message>
        <source>Logging and checkpoints</source>
        <translation>日志与检查点</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>mattingbase (the coarse network) or mattingrefine (with the refiner).</source>
        <translation>mattingbase（粗略网络）或 mattingrefine（带细化器）。</translation>
    </message>
    <message>
        <source>Backbone</source>
        <translation>骨干网络</translation>
    </message>
    <message>
        <source>resnet50, resnet101 or mobilenetv2.</source>
        <translation>resnet50、resnet101 或 mobilenetv2。</translation>
    </message>
    <message>
        <source>Backbone scale</source>
        <translation>骨干网络缩放</translation>
    </message>
    <message>
        <source>Refine: the scale of the coarse pass.</source>
        <translation>细化：粗略阶段的缩放比例。</translation>
    </message>
    <message>
        <source>Refine mode</source>
        <translation>细化模式</translation>
    </message>
    <message>
        <source>Refine: full, sampling or thresholding.</source>
        <translation>细化：full、sampling 或 thresholding。</translation>
    </message>
    <message>
        <source>Sample pixels</source>
        <translation>采样像素</translation>
    </message>
    <message>
        <source>Refine: pixels refined in sampling mode.</source>
        <translation>细化：sampling 模式下细化的像素数。</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Refine: the error threshold of thresholding mode.</source>
        <translation>细化：thresholding 模式的误差阈值。</translation>
    </message>
    <message>
        <source>Refiner kernel</source>
        <translation>细化器卷积核</translation>
    </message>
    <message>
        <source>Refine: the refiner&apos;s kernel size, 1 or 3.</source>
        <translation>细化：细化器的卷积核大小，1 或 3。</translation>
    </message>
    <message>
        <source>Model name</source>
        <translation>模型名称</translation>
    </message>
    <message>
        <source>Run name: checkpoint/&lt;name&gt;, log/&lt;name&gt;.</source>
        <translation>运行名称：checkpoint/&lt;name&gt;、log/&lt;name&gt;。</translation>
    </message>
    <message>
        <source>Initial weights</source>
        <translation>初始权重</translation>
    </message>
    <message>
        <source>Start from these weights (matched by name and shape).</source>
        <translation>从这些权重开始（按名称和形状匹配）。</translation>
    </message>
    <message>
        <source>Pretrained backbone</source>
        <translation>预训练骨干网络</translation>
    </message>
    <message>
        <source>DeepLabV3 (VainF) or torchvision backbone weights to start from.</source>
        <translation>作为起点的 DeepLabV3（VainF）或 torchvision 主干网络权重。</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Dataset config (JSON) or a folder holding dataset.json.</source>
        <translation>数据集配置（JSON）或包含 dataset.json 的文件夹。</translation>
    </message>
    <message>
        <source>Training size (px)</source>
        <translation>训练尺寸（像素）</translation>
    </message>
    <message>
        <source>Sample size N before the random crop to N/2..N.</source>
        <translation>随机裁剪到 N/2..N 之前的样本尺寸 N。</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Samples per step (with --nproc, the global batch).</source>
        <translation>每步的样本数（使用 --nproc 时为全局批量）。</translation>
    </message>
    <message>
        <source>Loader threads</source>
        <translation>加载线程</translation>
    </message>
    <message>
        <source>Data loading threads.</source>
        <translation>数据加载线程数。</translation>
    </message>
    <message>
        <source>Validation samples</source>
        <translation>验证样本数</translation>
    </message>
    <message>
        <source>Size of the fixed validation subset.</source>
        <translation>固定验证子集的大小。</translation>
    </message>
    <message>
        <source>First epoch</source>
        <translation>起始轮次</translation>
    </message>
    <message>
        <source>First epoch.</source>
        <translation>起始轮次。</translation>
    </message>
    <message>
        <source>End epoch (exclusive)</source>
        <translation>结束轮次（不含）</translation>
    </message>
    <message>
        <source>End epoch, exclusive.</source>
        <translation>结束轮次（不含）。</translation>
    </message>
    <message>
        <source>Max steps</source>
        <translation>最大步数</translation>
    </message>
    <message>
        <source>Stop after this global step count (0: no limit).</source>
        <translation>达到此全局步数后停止（0：不限）。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Random seed.</source>
        <translation>随机种子。</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Multiplies the reference&apos;s per-module learning rates.</source>
        <translation>按此倍数缩放参考实现各模块的学习率。</translation>
    </message>
    <message>
        <source>Cosine decay of the learning rate to the last step</source>
        <translation>学习率按余弦衰减至最后一步</translation>
    </message>
    <message>
        <source>Decay the learning rates along a cosine to 0 at the run&apos;s last step (off: constant, as the reference).</source>
        <translation>学习率按余弦曲线在最后一步衰减到 0（关闭：与参考实现一样保持不变）。</translation>
    </message>
    <message>
        <source>Alpha gradient through the clamp</source>
        <translation>Alpha 梯度穿过截断</translation>
    </message>
    <message>
        <source>Let the alpha losses&apos; gradient pass the [0, 1] clamp, so a run cannot get stuck predicting an empty matte (off: the reference&apos;s clamp).</source>
        <translation>让 alpha 损失的梯度穿过 [0, 1] 截断，避免训练卡在预测空遮罩（关闭：参考实现的截断）。</translation>
    </message>
    <message>
        <source>Mixed precision (CUDA)</source>
        <translation>混合精度（CUDA）</translation>
    </message>
    <message>
        <source>Mixed precision where the device supports it (CUDA).</source>
        <translation>在设备支持时使用混合精度（CUDA）。</translation>
    </message>
    <message>
        <source>Log loss every (steps)</source>
        <translation>每隔多少步记录损失</translation>
    </message>
    <message>
        <source>Steps between loss logs.</source>
        <translation>两次损失记录之间的步数。</translation>
    </message>
    <message>
        <source>Sample images every</source>
        <translation>示例图像间隔</translation>
    </message>
    <message>
        <source>Steps between image logs.</source>
        <translation>两次图像记录之间的步数。</translation>
    </message>
    <message>
        <source>Validate every</source>
        <translation>验证间隔</translation>
    </message>
    <message>
        <source>Steps between validations.</source>
        <translation>两次验证之间的步数。</translation>
    </message>
    <message>
        <source>Count intervals per epoch (as the reference)</source>
        <translation>按轮次计数间隔（与参考实现相同）</translation>
    </message>
    <message>
        <source>The log intervals count batches within each epoch, as the reference does (off: optimizer steps since the start).</source>
        <translation>记录间隔按每轮内的批次计数，与参考实现相同（关闭：从开始起的优化器步数）。</translation>
    </message>
    <message>
        <source>Checkpoint every</source>
        <translation>检查点间隔</translation>
    </message>
    <message>
        <source>Steps between checkpoints.</source>
        <translation>两次检查点之间的步数。</translation>
    </message>
    <message>
        <source>Keep newest</source>
        <translation>保留最新</translation>
    </message>
    <message>
        <source>Keep only the newest K checkpoints, epoch-end and interval ones alike (0: all; best.pth stays).</source>
        <translation>只保留最新的 K 个检查点，轮次结束和间隔保存的都算（0：全部；best.pth 保留）。</translation>
    </message>
    <message>
        <source>Also keep the best checkpoint (best.pth)</source>
        <translation>同时保留最佳检查点（best.pth）</translation>
    </message>
    <message>
        <source>Also keep best.pth, the checkpoint with the lowest validation loss.</source>
        <translation>同时保留 best.pth，即验证损失最低的检查点。</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <source>Where checkpoint/ and log/ go.</source>
        <translation>checkpoint/ 和 log/ 的存放位置。</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>cpu, cuda, cuda:N or mps.</source>
        <translation>cpu、cuda、cuda:N 或 mps。</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程</translation>
    </message>
    <message>
        <source>Intra-op threads (0: all cores).</source>
        <translation>算子内线程数（0：全部核心）。</translation>
    </message>
    <message>
        <source>Distributed backend</source>
        <translation>分布式后端</translation>
    </message>
    <message>
        <source>Distributed: auto (NCCL on CUDA devices where this build has it, else Gloo), nccl or gloo.</source>
        <translation>分布式：auto（在 CUDA 设备上且此构建带有 NCCL 时用 NCCL，否则用 Gloo）、nccl 或 gloo。</translation>
    </message>
    <message>
        <source>Affine (per sample)</source>
        <translation>仿射（逐样本）</translation>
    </message>
    <message>
        <source>Flip</source>
        <translation>翻转</translation>
    </message>
    <message>
        <source>Blur</source>
        <translation>模糊</translation>
    </message>
    <message>
        <source>Sharpen</source>
        <translation>锐化</translation>
    </message>
    <message>
        <source>Colour jitter</source>
        <translation>颜色抖动</translation>
    </message>
    <message>
        <source>Shadow (per batch)</source>
        <translation>阴影（逐批次）</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Background jitter</source>
        <translation>背景抖动</translation>
    </message>
    <message>
        <source>Background affine</source>
        <translation>背景仿射</translation>
    </message>
    <message>
        <source>Random crop</source>
        <translation>随机裁剪</translation>
    </message>
    <message>
        <source>on</source>
        <translation>开</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关</translation>
    </message>
    <message>
        <source>base %1, refine %2</source>
        <translation>基础 %1，细化 %2</translation>
    </message>
</context>
<context>
    <name>ms::ui::TrainingPanel</name>
    <message>
        <source>Training settings reset</source>
        <translation>训练设置已重置</translation>
    </message>
    <message>
        <source>The project&apos;s training settings could not be read; the defaults are shown.</source>
        <translation>无法读取项目的训练设置，现显示默认值。</translation>
    </message>
    <message>
        <source>The dataset %1 does not exist.</source>
        <translation>数据集 %1 不存在。</translation>
    </message>
    <message>
        <source>The dataset folder has no dataset.json.</source>
        <translation>数据集文件夹中没有 dataset.json。</translation>
    </message>
    <message>
        <source>initial checkpoint</source>
        <translation>初始检查点</translation>
    </message>
    <message>
        <source>pretrained weights</source>
        <translation>预训练权重</translation>
    </message>
    <message>
        <source>The %1 %2 does not exist.</source>
        <translation>%1 %2 不存在。</translation>
    </message>
    <message>
        <source>Open a project first: it holds the checkpoints and logs.</source>
        <translation>请先打开一个项目：检查点和日志保存在项目中。</translation>
    </message>
    <message>
        <source>Cannot start training</source>
        <translation>无法开始训练</translation>
    </message>
    <message>
        <source>The training settings need attention.</source>
        <translation>训练设置需要修改。</translation>
    </message>
    <message>
        <source>No dataset</source>
        <translation>没有数据集</translation>
    </message>
    <message>
        <source>Choose a dataset folder (with dataset.json) first.</source>
        <translation>请先选择一个数据集文件夹（包含 dataset.json）。</translation>
    </message>
    <message>
        <source>Dataset check failed</source>
        <translation>数据集检查失败</translation>
    </message>
    <message>
        <source>%1 could not be read as a dataset.</source>
        <translation>无法将 %1 读取为数据集。</translation>
    </message>
    <message>
        <source>Dataset check: ready for training</source>
        <translation>数据集检查：可以开始训练</translation>
    </message>
    <message>
        <source>Dataset check: problems found</source>
        <translation>数据集检查：发现问题</translation>
    </message>
    <message>
        <source>Dataset check of %1: ready</source>
        <translation>数据集 %1 检查：就绪</translation>
    </message>
    <message>
        <source>Dataset check of %1 found problems</source>
        <translation>数据集 %1 检查发现问题</translation>
    </message>
    <message>
        <source>The earlier training log could not be read: %1</source>
        <translation>无法读取之前的训练日志：%1</translation>
    </message>
</context>
<context>
    <name>ms::ui::TrainingRunController</name>
    <message>
        <source>Training %1: steps %2 to %3</source>
        <translation>训练 %1：第 %2 步至第 %3 步</translation>
    </message>
    <message>
        <source>Checkpoint saved at step %1: %2</source>
        <translation>第 %1 步已保存检查点：%2</translation>
    </message>
    <message>
        <source>Step %1 — rows: predicted alpha, composite, ground truth</source>
        <translation>第 %1 步 — 各行：预测的 alpha、合成图、真实值</translation>
    </message>
    <message>
        <source>Starting training of %1</source>
        <translation>开始训练 %1</translation>
    </message>
    <message>
        <source>Resuming training from %1</source>
        <translation>从 %1 继续训练</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Training stopped</source>
        <translation>训练已停止</translation>
    </message>
    <message>
        <source>The training run ended with an error.</source>
        <translation>训练因错误而结束。</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Stopping after this step…</source>
        <translation>本步完成后停止…</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Step %1 / %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message>
        <source>Epoch %1</source>
        <translation>第 %1 轮</translation>
    </message>
    <message>
        <source>%1 images/s</source>
        <translation>%1 张图像/秒</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Start a new training run with these settings</source>
        <translation>用这些设置开始新的训练</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Finish the current step, save a checkpoint and stop</source>
        <translation>完成当前步，保存检查点后停止</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <source>Resume exactly from the last checkpoint of this run</source>
        <translation>从本次训练的最后一个检查点精确继续</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Validation metrics</source>
        <translation>验证指标</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样例</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>SAD</source>
        <translation>SAD</translation>
    </message>
    <message>
        <source>MSE</source>
        <translation>MSE</translation>
    </message>
    <message>
        <source>Gradient</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Connectivity</source>
        <translation>连通性</translation>
    </message>
    <message>
        <source>metric (validation)</source>
        <translation>指标（验证）</translation>
    </message>
    <message>
        <source>Sample predictions appear here during training.</source>
        <translation>训练期间会在此显示样例预测。</translation>
    </message>
</context>
<context>
    <name>ms::ui::VideoScrubber</name>
    <message>
        <source>Frame %1 / %2</source>
        <translation>第 %1 / %2 帧</translation>
    </message>
    <message>
        <source>Play the matted video from this frame (frames the network has no time for are skipped)</source>
        <translation>从此帧开始播放抠图后的视频（网络来不及处理的帧会被跳过）</translation>
    </message>
    <message>
        <source>Frame to preview; matted frames are kept, so going back is instant</source>
        <translation>要预览的帧；已抠图的帧会被保留，因此回退可立即完成</translation>
    </message>
</context>
<context>
    <name>ms::ui::WelcomePage</name>
    <message>
        <source>MatteStudio</source>
        <translation>MatteStudio</translation>
    </message>
    <message>
        <source>Train and use background-matting networks (BackgroundMattingV2): a project keeps a dataset, training settings, checkpoints and logs together.</source>
        <translation>训练和使用背景抠图网络（BackgroundMattingV2）：一个项目将数据集、训练设置、检查点和日志集中在一起。</translation>
    </message>
    <message>
        <source>New project…</source>
        <translation>新建项目…</translation>
    </message>
    <message>
        <source>Open project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <source>Open the demo project</source>
        <translation>打开演示项目</translation>
    </message>
    <message>
        <source>A ready-made project with a synthetic dataset and sample images</source>
        <translation>一个带有合成数据集和示例图像的现成项目</translation>
    </message>
    <message>
        <source>Recent projects (double-click to open)</source>
        <translation>最近的项目（双击打开）</translation>
    </message>
</context>
</TS>
